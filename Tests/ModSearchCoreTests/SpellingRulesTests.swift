import Testing
@testable import ModSearchCore

@Suite struct SpellingRulesTests {
    @Test func typosAreCorrectedOtherWordsAreNot() {
        for (typed, meant) in [("trsut", "trust"), ("postive", "positive"), ("famlies", "families"),
                               ("geneogram", "genogram"), ("dialetical", "dialectical"),
                               ("countertransferance", "countertransference"), ("pyschotherapy", "psychotherapy")] {
            #expect(SpellingRules.isPlausibleCorrection(of: typed, to: meant), "\(typed) → \(meant)")
        }
        for (typed, other) in [("zebra", "cobra"), ("stats", "states"), ("plugh", "plus"), ("cafe", "can"),
                               ("naive", "have"), ("therapy", "therapists")] {
            #expect(!SpellingRules.isPlausibleCorrection(of: typed, to: other), "\(typed) → \(other)")
        }
    }

    @Test func editsCountTranspositionsAsOne() {
        #expect(SpellingRules.editDistance(Array("trsut"), Array("trust")) == 1)
        #expect(SpellingRules.editDistance(Array("abc"), Array("")) == 3)
        #expect(SpellingRules.editDistance(Array("kitten"), Array("sitting")) == 3)
    }

    @Test func accentsAreFolded() {
        #expect(SpellingRules.folded("café") == "cafe" && SpellingRules.folded("naïve") == "naive")
        #expect(SpellingRules.folded("plain") == "plain")
    }

    @Test func classicalPluralsBothWays() {
        #expect(ClassicalPlurals.otherForms(of: "analysis").contains("analyses"))
        #expect(ClassicalPlurals.otherForms(of: "analyses").contains("analysis"))
        #expect(ClassicalPlurals.otherForms(of: "criteria").contains("criterion"))
        #expect(ClassicalPlurals.otherForms(of: "stimulus").contains("stimuli"))
        #expect(ClassicalPlurals.otherForms(of: "the").isEmpty)
    }

    @Test func ukFormsReplaceEachUSSpellingWhereverItOccurs() {
        #expect(SpellingVariants.ukForms(of: "behavior") == ["behaviour"])
        #expect(SpellingVariants.ukForms(of: "organization").contains("organisation"))
        #expect(SpellingVariants.ukForms(of: "catastrophizing").contains("catastrophising"))
        #expect(SpellingVariants.ukForms(of: "center") == ["centre"])
        #expect(SpellingVariants.ukForms(of: "counseling") == ["counselling"])
        #expect(SpellingVariants.ukForms(of: "programs") == ["programmes", "proguerams"])
        // Each place on its own: `iz` twice gives two forms, not one with both replaced.
        #expect(SpellingVariants.ukForms(of: "izabiz") == ["isabiz", "izabis"])
        #expect(SpellingVariants.ukForms(of: "Behavior") == ["Behaviour"])
        #expect(SpellingVariants.ukForms(of: "naïve").isEmpty && SpellingVariants.ukForms(of: "or").isEmpty)
        #expect(SpellingVariants.ukForms(of: "self-organizing").isEmpty, "letters only")
    }
}
