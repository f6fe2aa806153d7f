import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The browser client (`collab.js`) and app served on plain GETs: `/` is `index.html`, every other
/// file of the web folder is served at `/<name>`. WebSocket upgrades never reach these routes.
///
/// The folder is `$COLLAB_WEB_ROOT` when set, else `collab_SignalingServer.resources/Web` next to
/// the executable (where SwiftPM puts the target's resources for `swift run` and `.build/*/collab`),
/// else `Sources/SignalingServer/Web` of the source tree the binary was built from. Files are read
/// once at start (they are small) and sent with a strict Content-Security-Policy.
struct StaticFiles: Sendable {
    /// Scripts, styles, workers and connections only from this origin; nothing inline, nothing framed.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "connect-src 'self'", "media-src 'self' blob:", "worker-src 'self'", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")
    static let largestFile = 1 << 20

    let files: [String: (type: String, body: ByteBuffer)]
    let directory: URL?

    /// Loads the web folder; with none found the server still runs (signaling only) and says so.
    static func load(logger: Logger) -> StaticFiles {
        guard let directory = locate() else {
            logger.warning("no web folder found: / and /collab.js are not served (set COLLAB_WEB_ROOT)")
            return StaticFiles(files: [:], directory: nil)
        }
        var files: [String: (type: String, body: ByteBuffer)] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names.sorted() where name.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil {
            let url = directory.appendingPathComponent(name)
            guard let type = contentType(name), let data = try? Data(contentsOf: url), data.count <= largestFile else { continue }
            files[name] = (type, ByteBuffer(bytes: data))
        }
        logger.info("serving the browser client", metadata: ["folder": "\(directory.path)", "files": "\(files.count)"])
        return StaticFiles(files: files, directory: directory)
    }

    static func locate() -> URL? {
        var candidates: [URL] = []
        if let root = ProcessInfo.processInfo.environment["COLLAB_WEB_ROOT"], !root.isEmpty {
            candidates.append(URL(fileURLWithPath: root))
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("collab_SignalingServer.resources/Web"))
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Web"))
        return candidates.first { url in
            FileManager.default.fileExists(atPath: url.appendingPathComponent("collab.js").path)
        }
    }

    static func contentType(_ name: String) -> String? {
        switch name.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: nil
        }
    }

    /// Adds `GET /` and `GET /<file>` for every file loaded.
    func register(on router: Router<BasicRequestContext>) {
        for (name, file) in files {
            let respond: @Sendable (Request, BasicRequestContext) -> Response = { _, _ in
                var headers: HTTPFields = [
                    .contentType: file.type,
                    .cacheControl: "no-cache",
                    .contentSecurityPolicy: Self.contentSecurityPolicy,
                ]
                headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
                headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.body))
            }
            router.get(RouterPath(stringLiteral: "/\(name)"), use: respond)
            if name == "index.html" { router.get("/", use: respond) }
        }
    }
}
