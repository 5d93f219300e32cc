// tier_weight.h — Xapian's BM25 weight of one word, read from boolean tier terms that each stand
// for one wdf of the word (see tier_weight.cpp).
#pragma once

#include <xapian.h>

// BM25 with k2 = 0 and b = 0 (no length normalisation) of one word held by `word_frequency`
// documents and `word_wqf` times in the query, for a query of the word's tier terms, each carrying the
// wdf it stands for as its wqf: every document of a tier term gets the weight BM25Weight gives the
// word at that wdf, computed the same way to the last bit, without reading the word's postings.
// As BM25Weight would weigh the word alone, unscaled, without a relevance set, with k1 and k3
// not below 0 (BM25Weight clamps them; this does not).
class TierWeight : public Xapian::Weight {
  public:
    TierWeight(double k1, double k3, double min_normlen, Xapian::doccount word_frequency,
               Xapian::termcount word_wqf);

    TierWeight *clone() const override;
    void init(double factor) override;
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen,
                       Xapian::termcount uniqterms) const override;
    double get_maxpart() const override;
    double get_sumextra(Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
    double get_maxextra() const override;

  private:
    double k1, k3, min_normlen;
    Xapian::doccount word_frequency;
    Xapian::termcount word_wqf;  // the word's, in the query (get_wqf() is the tier's wdf)
    double weight = 0;  // of every document of this tier term
};

// The percentage Xapian gives a weight in the ranking of a one-word query whose greatest weight
// is `greatest` (a tier query has a subquery per tier, which would scale Xapian's own).
int one_word_percent(double weight, double greatest);
