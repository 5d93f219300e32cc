/// Splits text longer than a word budget into consecutive pieces at sentence ends, dropping nothing.
enum PassageSplitter {
    /// Pieces of `text` (each the exact characters of a run of sentences, trimmed) with their
    /// starting UTF-8 offsets; a single sentence over budget is cut at word boundaries.
    static func split(_ text: String, maxWords: Int) -> [(offset: Int, text: String)] {
        let utf8 = Array(text.utf8)
        var words = 0
        var inWord = false
        for byte in utf8 {
            let space = isSpace(byte)
            if !space, !inWord { words += 1 }
            inWord = !space
        }
        guard words > maxWords else { return [(0, text)] }

        // Cut points: byte offsets where a new word starts, marked when that word begins a sentence.
        var pieces: [(offset: Int, text: String)] = []
        var pieceStart = 0
        var pieceWords = 0
        var lastSentenceStart = 0  // start of the latest sentence inside the current piece
        var wordsBeforeLastSentence = 0
        var index = 0
        var previousNonSpace: UInt8 = 0
        var previousWasSpace = true
        func cut(at offset: Int) {
            let slice = utf8[pieceStart..<offset]
            pieces.append((pieceStart, String(decoding: slice, as: UTF8.self).trimmingWhitespace()))
            pieceStart = offset
        }
        while index < utf8.count {
            let byte = utf8[index]
            if !isSpace(byte), previousWasSpace {
                // A word starts here.
                let startsSentence = index > 0 && endsSentence(previousNonSpace) && startsSentenceByte(byte)
                if startsSentence, index > pieceStart {
                    lastSentenceStart = index
                    wordsBeforeLastSentence = pieceWords
                }
                if pieceWords == maxWords {
                    if lastSentenceStart > pieceStart, wordsBeforeLastSentence >= maxWords / 3 {
                        cut(at: lastSentenceStart)
                        pieceWords -= wordsBeforeLastSentence
                    } else {
                        cut(at: index)
                        pieceWords = 0
                    }
                    lastSentenceStart = pieceStart
                    wordsBeforeLastSentence = 0
                }
                pieceWords += 1
            }
            if !isSpace(byte) { previousNonSpace = byte }
            previousWasSpace = isSpace(byte)
            index += 1
        }
        if pieceStart < utf8.count { cut(at: utf8.count) }
        return pieces.filter { !$0.text.isEmpty }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Sentence-final punctuation, or a closing quote/bracket that usually follows it.
    private static func endsSentence(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ")")
            || byte == 0x9D  // last byte of ” (E2 80 9D)
    }

    /// A sentence starts with a capital, a digit, an opening quote or a non-ASCII letter.
    private static func startsSentenceByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "\"") || byte >= 0xC0
    }
}
