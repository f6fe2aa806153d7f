/// A NUL-terminated message buffer for the C shim's error strings.
struct CStringBuffer {
    var storage = [CChar](repeating: 0, count: 256)

    /// The text up to the first NUL, decoded as UTF-8 (lossily).
    var text: String {
        let bytes = storage.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Copies a C string the shim owns, or `""` for NULL.
    init(shimString pointer: UnsafePointer<CChar>?) {
        guard let pointer else {
            self = ""
            return
        }
        self = String(cString: pointer)
    }
}
