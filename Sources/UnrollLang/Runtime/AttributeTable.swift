// An instance's attribute storage: insertion-ordered like Python's __dict__, searched linearly because
// instances hold a handful of attributes and comparing short names beats hashing them on every access.

/// The attributes of one `Instance`, in the order they were first set (as `vars(obj)` shows them).
public struct AttributeTable {
    private var names: [String] = []
    private var values: [Value] = []

    public init() {}

    private func position(of name: String) -> Int? {
        for i in names.indices where names[i] == name { return i }
        return nil
    }

    /// The value bound to `name`; assigning nil removes it.
    public subscript(name: String) -> Value? {
        get { position(of: name).map { values[$0] } }
        set {
            if let i = position(of: name) {
                if let newValue { values[i] = newValue } else { names.remove(at: i); values.remove(at: i) }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// Removes `name` and returns what it was bound to, as `Dictionary.removeValue(forKey:)` does.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> Value? {
        guard let i = position(of: name) else { return nil }
        names.remove(at: i)
        return values.remove(at: i)
    }

    /// Attribute names in insertion order.
    public var keys: [String] { names }
    public var count: Int { names.count }
}
