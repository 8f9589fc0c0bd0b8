import Foundation

/// Where an export goes, decided by what is at the path before anything is written.
///
/// - A regular file, or nothing yet: written under a temporary name in the same folder
///   and renamed into place when complete, so the path never holds half a file; a file
///   that was there keeps its mode (and its owner, where the process may set it).
/// - A symbolic link to a regular file: the file it points to is replaced the same way,
///   and the link stays. A link to nothing is refused.
/// - A FIFO, a device (`/dev/null`), or `-` for standard output: written through, since
///   renaming a file over a device or a pipe would replace it with a file.
/// - A directory: refused.
///
/// Temporary files left by an export that was killed (`.NAME.PID.partial` whose process
/// is gone) are removed before a new export to the same file.
struct ExportDestination {
    /// The path as the user gave it, for messages.
    let path: String
    /// The file the temporary file is renamed to, nil when written through.
    let finalPath: String?
    let temporaryPath: String?
    let descriptor: Int32

    /// Writes through to `descriptor` (a pipe a download is read from), closed at the end.
    init(descriptor: Int32, name: String) {
        path = name
        finalPath = nil
        temporaryPath = nil
        self.descriptor = descriptor
    }

    init(_ path: String) throws(TMXError) {
        self.path = path
        if path == "-" {
            finalPath = nil
            temporaryPath = nil
            descriptor = STDOUT_FILENO
            return
        }
        var status = stat()
        var target = path
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw .unreadable(path: path, reason: "a symbolic link to a file that does not exist; give the path of the file to write")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        let exists = stat(target, &status) == 0
        let kind = status.st_mode & S_IFMT
        if exists, kind == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a directory; give the path of the TMX file to write")
        }
        if exists, kind != S_IFREG {
            // A FIFO, a character or block device: written through.
            let descriptor = open(target, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw TMXError.unreadable(path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
            }
            finalPath = nil
            temporaryPath = nil
            self.descriptor = descriptor
            return
        }
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        Self.removeStalePartials(of: name, in: folder)
        let temporary = folder + "/.\(name).\(getpid()).partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        if exists {
            // The replacement keeps the mode of the file it replaces; the owner too, when
            // the process may give it (root), else the file becomes the writer's.
            _ = fchmod(descriptor, status.st_mode & 0o7777)
            _ = fchown(descriptor, status.st_uid, status.st_gid)
        }
        finalPath = target
        temporaryPath = temporary
        self.descriptor = descriptor
    }

    /// Writes all of `bytes`, retrying short writes. A write that fails throws
    /// ``TMXError/unwritable(path:reason:brokenPipe:)``; the caller must have SIGPIPE
    /// ignored to see a pipe whose reader has gone away as an error rather than die of it.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    throw TMXError.unwritable(path: path, reason: "the pipe's reader has gone away before the end of the export", brokenPipe: true)
                }
                throw TMXError.unwritable(path: path, reason: String(cString: strerror(errno)), brokenPipe: false)
            }
            offset += written
        }
    }

    /// Moves the complete file into place (after its data reached the disk).
    func commit() throws(TMXError) {
        guard let temporaryPath, let finalPath else {
            if descriptor != STDOUT_FILENO { close(descriptor) }
            return
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .unreadable(path: path, reason: "cannot finish writing: \(reason)")
        }
        if rename(temporaryPath, finalPath) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .unreadable(path: path, reason: "cannot move the export into place: \(reason)")
        }
    }

    /// Gives up: the temporary file goes, a written-through destination is closed.
    func abandon() {
        if let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
        } else if descriptor != STDOUT_FILENO {
            close(descriptor)
        }
    }

    /// Removes `.NAME.PID.partial` files in `folder` whose process no longer runs.
    static func removeStalePartials(of name: String, in folder: String) {
        let prefix = ".\(name)."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".partial") {
            let middle = entry.dropFirst(prefix.count).dropLast(".partial".count)
            guard let pid = Int32(middle), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }
}
