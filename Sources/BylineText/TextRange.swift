/// A piece of a ``SourceText``: a range of indices into its `string`.
///
/// Slicing with it is O(1) and shares the text's storage, so sentences, words and
/// changes keep ranges and build strings only when they are written out.
public typealias TextRange = Range<String.Index>
