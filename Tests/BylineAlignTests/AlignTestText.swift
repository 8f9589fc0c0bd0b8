/// Test text for the aligner's tests.

/// A stand-in translation: every word spelled backwards, numbers and punctuation kept, so
/// that lengths match and only numbers (and what a test adds) link the two sides.
func mirrored(_ sentence: String) -> String {
    sentence.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
        word.contains(where: \.isNumber) ? String(word) : String(word.reversed())
    }.joined(separator: " ")
}

/// Sentences of ordinary length, each with a number of its own.
func filler(_ index: Int) -> String {
    "Officials said on Tuesday that \(1000 + index * 37) residents had been moved to shelters near the river."
}
