/// What one name rule decided about a word or a phrase.
///
/// Rules run in a fixed order; the first that does not pass decides. A rule that keeps the
/// word says why, so that `--explain` and the tests can tell which rule left it alone.
///
/// ```swift
/// switch outcome {
/// case .fix(let change): change.replacement   // "Seoul"
/// case .keep(let reason): reason              // "an ordinary word of en"
/// case .pass: break                           // the next rule decides
/// }
/// ```
enum RuleOutcome {
    /// Change the word or phrase.
    case fix(NameChange)
    /// Leave it as written, for this reason; no later rule is asked.
    case keep(reason: String)
    /// This rule has no opinion.
    case pass

    /// The change, when the rule made one.
    var change: NameChange? {
        if case .fix(let change) = self { return change }
        return nil
    }
}

/// A rule's name beside what it decided.
struct RuleDecision {
    var rule: String
    var outcome: RuleOutcome
}
