// An instance's attribute storage: insertion-ordered like Python's __dict__, laid out by a shared shape
// (hidden class) so attribute expressions can remember where a name lives and skip the name search.

/// The attribute names of instances that were given the same attributes in the same order. Instances of a
/// class start from the class's root shape; setting a new attribute moves an instance to the shape one
/// name longer, shared through `transitions`, so instances built by the same `__init__` share a shape.
final class AttributeShape {
    let names: [String]
    private var transitions: [String: AttributeShape] = [:]

    init(names: [String] = []) { self.names = names }

    /// Where `name` lives in instances of this shape (a linear search: instances hold a handful of names).
    func position(of name: String) -> Int? {
        for i in names.indices where names[i] == name { return i }
        return nil
    }

    /// The shape with `name` appended.
    func adding(_ name: String) -> AttributeShape {
        if let next = transitions[name] { return next }
        let next = AttributeShape(names: names + [name])
        transitions[name] = next
        return next
    }
}

/// The attributes of one `Instance`, in the order they were first set (as `vars(obj)` shows them).
public struct AttributeTable {
    private(set) var shape: AttributeShape
    private var values: [Value] = []

    public init() { shape = AttributeShape() }
    init(shape: AttributeShape) { self.shape = shape }

    /// The value bound to `name`; assigning nil removes it.
    public subscript(name: String) -> Value? {
        get { shape.position(of: name).map { values[$0] } }
        set {
            if let i = shape.position(of: name) {
                if let newValue { values[i] = newValue } else { removeValue(forKey: name) }
            } else if let newValue {
                shape = shape.adding(name)
                values.append(newValue)
            }
        }
    }

    /// `self[name]` through the cache of the attribute expression being evaluated (`b.value`, `self.fc`):
    /// the shape it saw last time and where the name was in it (-1: not an instance attribute).
    @inline(__always)
    func value(_ name: String, cache: Expr) -> Value? {
        if cache.cachedShape === shape {
            let i = cache.cachedPosition
            return i >= 0 && i < values.count ? values[i] : nil
        }
        return lookUp(name, cache)
    }

    /// The value at the position `cache` remembers, when it saw this shape and the name is an instance
    /// attribute; nil otherwise. No search and no call: a caller reading the table in place keeps it borrowed.
    @inline(__always)
    func cachedValue(_ cache: Expr) -> Value? {
        guard cache.cachedShape === shape else { return nil }
        let i = cache.cachedPosition
        return i >= 0 && i < values.count ? values[i] : nil
    }

    /// Stores `value` at the position `cache` remembers and returns what was there, when the cache applies;
    /// nil (and nothing stored) otherwise. The old value goes back to the caller to be released after
    /// the table is no longer borrowed.
    @inline(__always)
    mutating func replaceCached(_ cache: Expr, _ value: Value) -> Value? {
        guard cache.cachedShape === shape else { return nil }
        let i = cache.cachedPosition
        guard i >= 0 && i < values.count else { return nil }
        var swapped = value
        swap(&values[i], &swapped)
        return swapped
    }

    @inline(never)
    private func lookUp(_ name: String, _ cache: Expr) -> Value? {
        let i = shape.position(of: name)
        cache.cachedShape = shape
        cache.cachedPosition = i ?? -1
        return i.map { values[$0] }
    }

    /// `self[name] = value` through an attribute expression's cache.
    @inline(__always)
    mutating func set(_ name: String, _ value: Value, cache: Expr) {
        if cache.cachedShape === shape {
            let i = cache.cachedPosition
            if i >= 0 && i < values.count { values[i] = value; return }
        }
        store(name, value, cache)
    }

    @inline(never)
    private mutating func store(_ name: String, _ value: Value, _ cache: Expr) {
        if let i = shape.position(of: name) {
            cache.cachedShape = shape
            cache.cachedPosition = i
            values[i] = value
        } else {
            shape = shape.adding(name)
            values.append(value)
        }
    }

    /// Removes `name` and returns what it was bound to, as `Dictionary.removeValue(forKey:)` does.
    /// The instance leaves the shared shapes for one of its own (deleting attributes is rare).
    @discardableResult
    public mutating func removeValue(forKey name: String) -> Value? {
        guard let i = shape.position(of: name) else { return nil }
        var names = shape.names
        names.remove(at: i)
        shape = AttributeShape(names: names)
        return values.remove(at: i)
    }

    /// Attribute names in insertion order.
    public var keys: [String] { shape.names }
    public var count: Int { values.count }
}
