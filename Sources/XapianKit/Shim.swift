internal import CXapianShim

// Plumbing between Swift and the C shim: error out-parameters, strings in and
// out, string lists. Nothing here is public.

/// Runs a shim call that reports failure through its `cx_error *` argument and
/// a nonzero status; throws the error it reported.
@inline(__always)
func check(_ body: (UnsafeMutablePointer<cx_error>) -> Int32) throws(XapianError) {
    var err = cx_error(code: 0, type: nil, message: nil, context: nil)
    let status = withUnsafeMutablePointer(to: &err) { body($0) }
    if status != 0 { throw XapianError(consuming: &err) }
}

/// Runs a shim constructor that returns NULL on failure.
@inline(__always)
func make(_ body: (UnsafeMutablePointer<cx_error>) -> OpaquePointer?) throws(XapianError) -> OpaquePointer {
    var err = cx_error(code: 0, type: nil, message: nil, context: nil)
    guard let handle = withUnsafeMutablePointer(to: &err, { body($0) }) else {
        throw XapianError(consuming: &err)
    }
    return handle
}

/// For calls that can only fail on a broken invariant or out of memory.
@inline(__always)
func mustSucceed<T>(_ body: () throws(XapianError) -> T) -> T {
    do {
        return try body()
    } catch {
        preconditionFailure("XapianKit: unexpected Xapian failure: \(error)")
    }
}

extension XapianError {
    /// Takes the strings out of a filled-in `cx_error` and clears it.
    init(consuming err: inout cx_error) {
        let kind = err.type.map { String(cString: $0) } ?? "unknown"
        let message = err.message.map { String(cString: $0) } ?? ""
        let context = err.context.map { String(cString: $0) } ?? ""
        cx_error_clear(&err)
        self.init(kind: kind, message: message, context: context)
    }
}

/// Calls body with the string's UTF-8 bytes as a (pointer, length) pair; the pointer is
/// never NULL (an empty string passes a pointer to a NUL byte).
@inline(__always)
func withBytes<R>(_ string: String, _ body: (UnsafePointer<CChar>, Int) -> R) -> R {
    var string = string
    return string.withUTF8 { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            guard let base = chars.baseAddress else { return withEmpty(body) }
            return body(base, chars.count)
        }
    }
}

/// Calls body with the bytes as a (pointer, length) pair; the pointer is never NULL.
@inline(__always)
func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int) -> R) -> R {
    bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
            guard let base = chars.baseAddress else { return withEmpty(body) }
            return body(base, chars.count)
        }
    }
}

private func withEmpty<R>(_ body: (UnsafePointer<CChar>, Int) -> R) -> R {
    var nul: CChar = 0
    return withUnsafePointer(to: &nul) { body($0, 0) }
}

/// Calls body with several strings as NUL-terminated C strings in one array.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?, Int) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>] = strings.map { string in
        let utf8 = Array(string.utf8CString)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        p.initialize(from: utf8, count: utf8.count)
        return p
    }
    defer { copies.forEach { $0.deallocate() } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
}

typealias StringOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
typealias LengthOut = UnsafeMutablePointer<Int>
typealias ErrorOut = UnsafeMutablePointer<cx_error>

/// Runs a shim call that returns a malloc'd (pointer, length) string; frees it.
func fetchBytes(_ body: (StringOut, LengthOut, ErrorOut) -> Int32) throws(XapianError) -> [UInt8] {
    var pointer: UnsafeMutablePointer<CChar>?
    var length = 0
    try check { err in body(&pointer, &length, err) }
    defer { cx_string_free(pointer) }
    guard let pointer, length > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: length))
}

/// As fetchBytes, decoded as UTF-8 (invalid sequences become U+FFFD).
func fetchString(_ body: (StringOut, LengthOut, ErrorOut) -> Int32) throws(XapianError) -> String {
    var pointer: UnsafeMutablePointer<CChar>?
    var length = 0
    try check { err in body(&pointer, &length, err) }
    defer { cx_string_free(pointer) }
    guard let pointer, length > 0 else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
}

/// Runs a shim call that returns a cx_strlist; converts and frees it.
func fetchList(_ body: (UnsafeMutablePointer<OpaquePointer?>, ErrorOut) -> Int32) throws(XapianError) -> [(string: String, number: Double)] {
    var list: OpaquePointer?
    try check { err in body(&list, err) }
    defer { cx_strlist_free(list) }
    let count = cx_strlist_count(list)
    var result: [(string: String, number: Double)] = []
    result.reserveCapacity(count)
    for i in 0..<count {
        var length = 0
        guard let p = cx_strlist_get(list, i, &length) else { continue }
        let string = String(decoding: UnsafeRawBufferPointer(start: p, count: length), as: UTF8.self)
        result.append((string, cx_strlist_number(list, i)))
    }
    return result
}

/// check() for calls that can only fail on a broken invariant or out of memory.
@inline(__always)
func mustCheck(_ body: (ErrorOut) -> Int32) {
    mustSucceed { () throws(XapianError) in try check(body) }
}

/// make() for constructors that can only fail out of memory.
@inline(__always)
func mustMake(_ body: (ErrorOut) -> OpaquePointer?) -> OpaquePointer {
    mustSucceed { () throws(XapianError) in try make(body) }
}
