/// The controls of a task, by their API names: the keys of `controls` and, through
/// `commandPath`, the commands of `POST /v1/tasks/{taskId}/…` (API.md). The one table that ties a
/// control to its field in `Controls` and to the command it guards.
public enum ControlName: String, CaseIterable, Hashable, Sendable {
    case accept, decline, hold, unhold, end, wrapup, cancel, consult, consultAccept, consultEnd, consultHold
    case consultUnhold, consultTransfer, consultConference, transfer, recordPause, recordResume

    /// The command's path under the task: a capital starts a segment (`consultEnd` → `consult/end`),
    /// the rule API.md states and the desktop follows.
    public var commandPath: String {
        rawValue.reduce(into: "") { path, character in
            if character.isUppercase { path += "/" + character.lowercased() } else { path.append(character) }
        }
    }

    /// The command a control sends when it takes no body; nil for `wrapup`, `consult` and `transfer`
    /// (their bodies name a reason or a target).
    public func command(on task: TaskID) -> AgentCommand? {
        switch self {
        case .accept: .accept(task)
        case .decline: .decline(task)
        case .hold: .hold(task)
        case .unhold: .unhold(task)
        case .end: .end(task)
        case .consultAccept: .consultAccept(task)
        case .consultEnd: .consultEnd(task)
        case .consultHold: .consultHold(task)
        case .consultUnhold: .consultUnhold(task)
        case .consultTransfer: .consultTransfer(task)
        case .consultConference: .consultConference(task)
        case .recordPause: .pauseRecording(task)
        case .recordResume: .resumeRecording(task)
        case .cancel: .cancel(task)
        case .wrapup, .consult, .transfer: nil
        }
    }

    /// The controls whose command takes no body, each with a route of its own.
    public static var plainCommands: [ControlName] {
        allCases.filter { $0.command(on: TaskID("")) != nil }
    }

    /// Where the control lives in `Controls`.
    var field: WritableKeyPath<Controls, Control> {
        switch self {
        case .accept: \.accept
        case .decline: \.decline
        case .hold: \.hold
        case .unhold: \.unhold
        case .end: \.end
        case .wrapup: \.wrapup
        case .cancel: \.cancel
        case .consult: \.consult
        case .consultAccept: \.consultAccept
        case .consultEnd: \.consultEnd
        case .consultHold: \.consultHold
        case .consultUnhold: \.consultUnhold
        case .consultTransfer: \.consultTransfer
        case .consultConference: \.consultConference
        case .transfer: \.transfer
        case .recordPause: \.recordPause
        case .recordResume: \.recordResume
        }
    }
}

extension Controls {
    /// One control by its name.
    public subscript(name: ControlName) -> Control {
        get { self[keyPath: name.field] }
        set { self[keyPath: name.field] = newValue }
    }

    /// The controls by their names, in the API's order.
    public var named: [(name: ControlName, control: Control)] {
        ControlName.allCases.map { ($0, self[$0]) }
    }
}
