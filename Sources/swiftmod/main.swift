import SwiftmodCLI

Swiftmod.main()
