import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Prometheus
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTelephony

/// Reads the bearer token (or `access_token` for WebSockets, which browsers cannot give headers)
/// and puts the caller in the context. A token that is not valid is refused at once.
struct AuthenticationMiddleware: RouterMiddleware {
    let authenticator: Authenticator

    func handle(
        _ request: Request, context: SwitchboardContext, next: (Request, SwitchboardContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let header = request.headers[.authorization]
        let token: String? =
            if let header, header.lowercased().hasPrefix("bearer ") {
                String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            } else {
                request.uri.queryParameters.get("access_token")
            }
        if header != nil, token == nil { throw APIError.unauthorized }
        if let token {
            guard let principal = try authenticator.principal(for: token) else { throw APIError.unauthorized }
            context.principal = principal
            context.bearerToken = token
            context.logger[metadataKey: "user"] = "\(principal.tenant)/\(principal.username)"
        }
        return try await next(request, context)
    }
}

/// Every error leaves in the API's shape; Hummingbird's own ones (404 for an unknown path, 405,
/// 413) and unexpected ones too, without leaking internals.
struct ErrorShapeMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: SwitchboardContext, next: (Request, SwitchboardContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let shaped: APIError =
                switch error.status {
                case .notFound: .notFound
                case .contentTooLarge: .bodyTooLarge
                case .methodNotAllowed: APIError(.methodNotAllowed, "method_not_allowed", "This method is not allowed here.")
                case .unauthorized: .unauthorized
                default: APIError(error.status, "http_error", error.body ?? error.status.reasonPhrase)
                }
            return try shaped.response(from: request, context: context)
        } catch {
            context.logger.error("Request failed: \(error)")
            return try APIError(.internalServerError, "internal_error", "Something went wrong on the server.")
                .response(from: request, context: context)
        }
    }
}
