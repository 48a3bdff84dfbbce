/// H1, H2, E8: whether an agent may change the call data of a task, or reveal a secure value, now.
/// Both are computed here like the call controls (K2), so the desktop shows what the server accepts.
public struct CallDataControls: Hashable, Sendable {
    /// Saving values (`PATCH /v1/tasks/{id}/cad`); each variable must also be editable.
    public var edit: Control
    /// `POST /v1/tasks/{id}/cad/{name}/reveal`, for a secure variable.
    public var reveal: Control

    static func of(_ task: AgentTask) -> CallDataControls {
        switch task.status {
        case .closed: CallDataControls(edit: .disabled(.taskClosed), reveal: .disabled(.taskClosed))
        case .reserved, .offered: CallDataControls(edit: .disabled(.notAccepted), reveal: .disabled(.notAccepted))
        case .wrapup: CallDataControls(edit: .disabled(.inWrapUp), reveal: .disabled(.inWrapUp))
        case .connected:
            // E8: a consult through an entry point reads the data, it never writes it.
            CallDataControls(
                edit: task.role == .consulted(viaEntryPoint: true) ? .disabled(.consultViaEntryPoint) : .enabled,
                reveal: .enabled)
        }
    }
}
