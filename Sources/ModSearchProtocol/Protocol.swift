// Wire protocol v1 types.
