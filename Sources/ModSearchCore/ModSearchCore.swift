// The index schema, Indexer and Searcher live here.
