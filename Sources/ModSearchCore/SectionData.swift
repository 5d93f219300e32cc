import CSectionDictionary
import CZstd
import ModalityDocs
import XapianKit

/// How a section's stored JSON is packed in its value slot (`Schema.Slot.sectionData`): one zstd
/// frame, made with the section dictionary.
///
/// Glass compressed document data with zlib, and inflating it was a large part of a search for
/// a rare word (each hit reads its section). zstd reads the same text several times as fast at
/// nearly the same size (BENCHMARKS.md). A section is a few kilobytes, too little for zstd to
/// learn from, so every frame starts from a dictionary of what sections hold in common (their
/// JSON keys, headings and words), trained on `Corpus/` (`modsearch-bench section-dictionary`)
/// and built into modsearch: a changed dictionary needs a new schema version. Data that is not a
/// zstd frame is read as plain JSON.
public enum SectionData {
    static let level: Int32 = 3
    /// Stored sections are far smaller; a frame claiming more is damaged, not allocated.
    static let maxSize = 64 << 20
    private static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// The dictionary's id, which every frame names.
    static let dictionaryID = ZSTD_getDictID_fromDict(modsearch_section_dictionary(), modsearch_section_dictionary_size())

    /// The dictionary, digested once for every packer and unpacker of the process.
    private final class Digested: @unchecked Sendable {  // zstd only reads a digested dictionary
        let forPacking: OpaquePointer
        let forUnpacking: OpaquePointer

        init() {
            guard let forPacking = ZSTD_createCDict(modsearch_section_dictionary(), modsearch_section_dictionary_size(), SectionData.level),
                  let forUnpacking = ZSTD_createDDict(modsearch_section_dictionary(), modsearch_section_dictionary_size())
            else { fatalError("zstd: the section dictionary cannot be loaded") }
            self.forPacking = forPacking
            self.forUnpacking = forUnpacking
        }
    }
    private static let dictionary = Digested()

    /// Compresses sections with one reused zstd context. One per writer: not thread-safe.
    final class Packer {
        private let context: OpaquePointer

        init() {
            guard let context = ZSTD_createCCtx() else { fatalError("zstd: out of memory") }
            self.context = context
            ZSTD_CCtx_refCDict(context, SectionData.dictionary.forPacking)
            // A checksum turns a damaged block into an error rather than wrong text.
            ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        }

        deinit { ZSTD_freeCCtx(context) }

        func pack(_ json: [UInt8]) -> [UInt8] {
            let bound = ZSTD_compressBound(json.count)
            return [UInt8](unsafeUninitializedCapacity: bound) { out, count in
                let written = json.withUnsafeBytes { json in
                    ZSTD_compress2(context, out.baseAddress, bound, json.baseAddress, json.count)
                }
                // Compressing into a buffer of zstd's own bound only fails for lack of memory.
                guard ZSTD_isError(written) == 0 else {
                    fatalError("zstd: \(String(cString: ZSTD_getErrorName(written)))")
                }
                count = written
            }
        }
    }

    /// Reads stored data with one reused zstd context. One per searcher: not thread-safe.
    final class Unpacker {
        private let context: OpaquePointer

        init() {
            guard let context = ZSTD_createDCtx() else { fatalError("zstd: out of memory") }
            self.context = context
            ZSTD_DCtx_refDDict(context, SectionData.dictionary.forUnpacking)
        }

        deinit { ZSTD_freeDCtx(context) }

        /// The stored section of a document that exists (its id came from a match or a posting list).
        func section(_ document: DocID, in database: Database) throws -> StoredSection {
            try StoredSection(json: try json(from: try database.valueBytes(slot: Schema.Slot.sectionData, of: document)))
        }

        /// The JSON in `data`: decompressed from a zstd frame, or `data` itself when it is none.
        func json(from data: [UInt8]) throws -> [UInt8] {
            guard data.starts(with: SectionData.magic) else { return data }
            let size = data.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
            // Unknown and error sizes are the two largest values, so one bound rules out all three.
            guard size <= UInt64(SectionData.maxSize) else { throw StoredDataError(field: "zstd frame size") }
            var complete = false
            let json = [UInt8](unsafeUninitializedCapacity: Int(size)) { out, count in
                let read = data.withUnsafeBytes { data in
                    ZSTD_decompressDCtx(context, out.baseAddress, out.count, data.baseAddress, data.count)
                }
                complete = ZSTD_isError(read) == 0 && read == out.count
                count = complete ? read : 0
            }
            guard complete else { throw StoredDataError(field: "zstd frame") }
            return json
        }
    }
}

/// Training the section dictionary (`modsearch-bench section-dictionary`).
extension SectionData {
    /// The JSON the index stores of each section of `modality`: what a dictionary is trained on.
    public static func storedJSON(of modality: Modality) -> [[UInt8]] {
        modality.sections.map { StoredSection($0, of: modality).jsonBytes }
    }

    /// A zstd dictionary of at most `size` bytes trained on `samples`; nil when zstd cannot make
    /// one of them (too few, or too small).
    public static func trainDictionary(on samples: [[UInt8]], size: Int) -> [UInt8]? {
        let joined = samples.flatMap { $0 }
        let sizes = samples.map(\.count)
        var trained = [UInt8](repeating: 0, count: size)
        let made = trained.withUnsafeMutableBytes { out in
            joined.withUnsafeBytes { joined in
                ZDICT_trainFromBuffer(out.baseAddress, out.count, joined.baseAddress, sizes, UInt32(sizes.count))
            }
        }
        guard ZDICT_isError(made) == 0 else { return nil }
        return Array(trained.prefix(made))
    }
}
