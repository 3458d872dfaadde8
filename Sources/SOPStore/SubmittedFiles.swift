import Foundation

extension StoreTransaction {
    /// A submitted file's bytes, checked against the SHA-256 the submission recorded, so `show` never
    /// hands out bytes that differ from what was submitted (a row edited with `sqlite3`, a damaged page).
    public func submittedFile(_ sha256: String) throws -> Data {
        guard let bytes = try artifact(sha256) else {
            throw StoreError("the stored file \(sha256.prefix(12)) is missing from the database (run `sop check`)")
        }
        guard ContentHash.sha256(bytes) == sha256 else {
            throw StoreError("the stored file \(sha256.prefix(12)) no longer matches its SHA-256: it was changed (run `sop check`)")
        }
        return bytes
    }
}
