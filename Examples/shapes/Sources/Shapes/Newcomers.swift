// What a new user's first library tripped over (issue 24): keyword names, an `init(from:)` that
// is not Decodable's, inherited initializers, an enum's properties and methods, a nested type
// beside a top-level one of the joined name, and a Codable type with its own `__reduce__`.

/// Names that are keywords in Swift (written with backticks) or in Python.
public struct Keywords: Sendable {
    /// The value the other members start from.
    public var value: Int

    /// `Keywords(from_=3)`: not Decodable's `init(from:)`, which takes a Decoder.
    public init(from value: Int) {
        self.value = value
    }

    /// `class_()`: a Swift keyword, with PEP 8's trailing underscore.
    public func `class`() -> String {
        "Keywords"
    }

    /// `shifted(from_=1, lambda_=2, pass_=3)`: labels that are Python keywords. (Wrapping
    /// arithmetic: Swift's `+` would trap, ending the process, on a sum past `Int`.)
    public func shifted(from: Int, lambda: Int, pass: Int = 0) -> Int {
        value &+ from &+ 10 &* lambda &+ 100 &* pass
    }
}

/// An animal with a name: `Dog` inherits its initializers.
open class Animal {
    /// The animal's name.
    public let name: String

    /// An animal called `name`.
    public init(name: String) {
        self.name = name
    }

    /// An animal without a name of its own.
    public convenience init() {
        self.init(name: "nameless")
    }
}

/// A dog: it declares no initializer, so it has `Animal`'s (Swift's automatic inheritance).
public final class Dog: Animal {
    /// The tricks it knows.
    public var tricks = 0
}

/// A compass heading.
public enum Heading: Sendable {
    case north, east, south, west

    /// Whether it points along the y axis.
    public var isVertical: Bool {
        self == .north || self == .south
    }

    /// The heading a quarter turn away.
    public func turned(clockwise: Bool = true) -> Heading {
        let order: [Heading] = [.north, .east, .south, .west]
        let index = order.firstIndex(of: self)! + (clockwise ? 1 : 3)
        return order[index % 4]
    }

    /// The heading whose initial is `text` (`"n"`, `"E"`), if any.
    public static func parse(_ text: String) -> Heading? {
        switch text.lowercased() {
        case "n": .north
        case "e": .east
        case "s": .south
        case "w": .west
        default: nil
        }
    }
}

/// A tray with a slot (`Tray.Slot`), beside `Tray_Slot`: two types the glue must not confuse.
public struct Tray: Sendable {
    /// A numbered slot of a tray.
    public struct Slot: Sendable {
        /// Its number.
        public var index: Int

        /// Slot number `index`.
        public init(index: Int) {
            self.index = index
        }
    }

    /// The tray's slot.
    public var slot: Slot

    /// A tray with slot number `index`.
    public init(index: Int = 0) {
        slot = Slot(index: index)
    }
}

/// A labelled slot, unrelated to `Tray.Slot`.
public struct Tray_Slot: Sendable {
    /// Its label.
    public var label: String

    /// A slot called `label`.
    public init(label: String) {
        self.label = label
    }
}

/// A ticket: Codable, and pickled by its own `__reduce__` (which wins over Codable's).
public struct Ticket: Codable, Equatable, Sendable {
    /// Its number.
    public var number: Int
    /// How many copies were printed.
    public var copies: Int

    /// Ticket `number`, printed `copies` times.
    public init(number: Int, copies: Int = 1) {
        self.number = number
        self.copies = copies
    }

    /// Pickles as `Ticket(number, copies)`, with no state.
    public func __reduce__() -> ((Int, Int), Int?) {
        ((number, copies), nil)
    }
}
