// tier_weight.cpp — BM25 of one word from its tier terms.
//
// Xapian 1.4 weighs every posting of a query's terms, so ranking one common word reads its whole
// posting list. Without length normalisation a document's BM25 weight for one word depends on
// the word's wdf alone; the indexer marks each document's wdf of a word with a boolean term (a
// tier), so the documents of the highest tiers can be ranked from those short lists. This
// weight gives them exactly what BM25Weight would: the same operations in the same order (its
// init and get_sumpart in Xapian 1.4, with b = 0 and the word's own statistics).

#include "tier_weight.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

TierWeight::TierWeight(double k1_, double k3_, double min_normlen_, Xapian::doccount word_frequency_,
                       Xapian::termcount word_wqf_)
    : k1(k1_), k3(k3_), min_normlen(min_normlen_), word_frequency(word_frequency_), word_wqf(word_wqf_) {
    need_stat(COLLECTION_SIZE);
    need_stat(WQF);
}

TierWeight *TierWeight::clone() const { return new TierWeight(k1, k3, min_normlen, word_frequency, word_wqf); }

void TierWeight::init(double factor) {
    double tw = (get_collection_size() - word_frequency + 0.5) / (word_frequency + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    double termweight = log(tw) * factor;
    if (k3 != 0) {
        double wqf_double = word_wqf;
        termweight *= (k3 + 1) * wqf_double / (k3 + wqf_double);
    }
    termweight *= (k1 + 1);
    // BM25Weight's get_sumpart with a length factor of 0 (b = 0), at the tier's wdf.
    const double b = 0;
    const Xapian::termcount doclen = 0;
    const double normlen = std::max(doclen * 0.0, min_normlen);
    const double wdf_double = get_wqf();
    const double denom = k1 * (normlen * b + (1 - b)) + wdf_double;
    weight = termweight * (wdf_double / denom);
}

double TierWeight::get_sumpart(Xapian::termcount, Xapian::termcount, Xapian::termcount) const { return weight; }
double TierWeight::get_maxpart() const { return weight; }
double TierWeight::get_sumextra(Xapian::termcount, Xapian::termcount) const { return 0; }
double TierWeight::get_maxextra() const { return 0; }

int one_word_percent(double weight, double greatest) {
    // Xapian 1.4's matcher: subqueries matched by the best document (1) over all subqueries (1),
    // over the greatest weight, times 100; then MSet's conversion of a weight.
    const double factor = greatest > 0 ? (1.0 / greatest) * 100.0 : 0;
    if (factor == 0) return 100;
    const double v = weight * factor + 100.0 * DBL_EPSILON;
    int percent = static_cast<int>(v);
    if (percent > 100) percent = 100;
    if (percent < 0) percent = 0;
    if (percent == 0 && weight > 0) percent = 1;
    return percent;
}
