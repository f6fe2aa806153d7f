import Prometheus
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SignalingProtocol

/// The admin HTTP API (with `--admin-token-file`): list rooms, look into one, remove a
/// participant, close a room. Every request needs `Authorization: Bearer <admin token>`; without
/// it the answer is 401 and nothing about the rooms.
struct AdminAPI: Sendable {
    let hub: SignalingHub
    let token: AdminToken

    func register(on router: Router<BasicRequestContext>) {
        let admin = router.group("admin").add(middleware: AdminAuthMiddleware(token: token, metrics: hub.metrics))
        admin.get("rooms") { _, _ in
            Self.json(await hub.roomSummaries())
        }
        admin.get("rooms/:code") { _, context in
            guard let code = Self.code(context), let room = await hub.roomDetail(code: code) else { return Self.notFound }
            return Self.json(room)
        }
        admin.delete("rooms/:code/participants/:id") { _, context in
            guard let code = Self.code(context), let text = context.parameters.get("id"), let id = UUID(uuidString: text),
                await hub.adminRemove(code: code, participantID: id)
            else { return Self.notFound }
            return Response(status: .noContent)
        }
        admin.delete("rooms/:code") { _, context in
            guard let code = Self.code(context), await hub.adminClose(code: code) else { return Self.notFound }
            return Response(status: .noContent)
        }
    }

    private static func code(_ context: BasicRequestContext) -> RoomCode? {
        context.parameters.get("code").flatMap { try? RoomCode($0) }
    }

    private static let notFound = Response(status: .notFound)

    private static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding our own value types cannot fail; an empty body would show it if it ever did.
        let data = (try? encoder.encode(value)) ?? Data()
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Refuses admin requests without the admin bearer token (401, counted).
struct AdminAuthMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: AdminToken
    let metrics: SignalingMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard token.accepts(authorization: request.headers[.authorization]) else {
            metrics.refusedAdmin.increment()
            return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"collab-admin\""])
        }
        return try await next(request, context)
    }
}
