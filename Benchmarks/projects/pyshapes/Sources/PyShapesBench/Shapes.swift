/// Calls `f` with 0, 1, ..., count - 1 and sums the results (C: PyObject_Vectorcall in a loop).
public func sumCalls(_ f: (Int) throws -> Int, _ count: Int) throws -> Int {
    var total = 0
    for index in 0..<count { total &+= try f(index) }
    return total
}

/// A str's length in code units of UTF-8: the payload's own parameter.
public func textLength(_ text: String) -> Int { text.utf8.count }

/// A document: one str, or a list of them.
public enum Document {
    case text(String)
    case tokens([String])
}

/// The same length through a union parameter.
public func documentLength(_ document: Document) -> Int {
    switch document {
    case .text(let text): text.utf8.count
    case .tokens(let tokens): tokens.count
    }
}

/// The sum of any number of ints (`*values`).
public func total(_ values: Int...) -> Int { values.reduce(0, &+) }
