/// K2: which controls an agent may use on a task now, and why the others are disabled.
///
/// The one place the call-handling rules of D, E and G are written down: commands are checked
/// against the same controls, so what the desktop shows and what the server accepts never differ.
public enum ControlRules {
    public static func controls(
        for task: AgentTask, in interaction: Interaction, station: StationLogin?, settings: TenantSettings
    ) -> Controls {
        switch task.status {
        case .closed:
            return .allDisabled(.taskClosed)
        case .reserved, .offered:
            return offerControls(for: task, in: interaction, station: station, settings: settings)
        case .wrapup:
            var controls = Controls.allDisabled(.inWrapUp)
            controls.wrapup = .enabled
            controls.cancel = .disabled(.notWebCallback)
            return controls
        case .connected:
            var controls = Controls.allDisabled(.notOwner)
            controls.accept = .disabled(.notOffered)
            controls.decline = .disabled(.notOffered)
            controls.consultAccept = .disabled(.notConsultOffer)
            controls.wrapup = .disabled(.notInWrapUp)
            controls.cancel = .disabled(.notWebCallback)
            if task.isOwner {
                applyOwnerCallControls(to: &controls, interaction: interaction)
                applyRecordingControls(to: &controls, interaction: interaction, settings: settings)
            } else {
                // E4: agent 2 may only leave; the customer's call is not theirs.
                controls.consultEnd = .enabled
                for keyPath in [\Controls.consultHold, \.consultUnhold, \.consultTransfer, \.consultConference] {
                    controls[keyPath: keyPath] = .disabled(.notInitiator)
                }
            }
            return controls
        }
    }

    /// C1, D1, D6: before the call is accepted only answering (where the phone allows) is possible.
    /// I3: once a callback dials the customer, only Cancel remains (a web callback, with "end call
    /// for web callback" on).
    private static func offerControls(
        for task: AgentTask, in interaction: Interaction, station: StationLogin?, settings: TenantSettings
    ) -> Controls {
        var controls = Controls.allDisabled(.notAccepted)
        if task.isDiallingCustomer {
            controls = .allDisabled(.callingCustomer)
            controls.wrapup = .disabled(.notInWrapUp)
            // J2: the agent may give up their own outdial while the customer rings.
            if interaction.callback?.kind == .outdial { controls.end = .enabled }
            controls.cancel =
                interaction.callback?.kind != .web ? .disabled(.notWebCallback)
                : settings.endCallForWebCallback ? .enabled : .disabled(.cancelNotEnabled)
            return controls
        }
        // J2: a campaign contact's preview: Call (accept) and Skip (decline) are the desktop's.
        let answer: Control = task.isPreviewing || station?.canAnswerRemotely == true ? .enabled : .disabled(.answerOnPhone)
        if task.contactType == .consult {
            controls.accept = .disabled(.consultOffer)
            controls.consultAccept = answer
        } else {
            controls.accept = answer
            controls.consultAccept = .disabled(.notConsultOffer)
        }
        controls.decline = answer
        controls.wrapup = .disabled(.notInWrapUp)
        controls.cancel = interaction.callback?.kind == .web ? .disabled(.notAccepted) : .disabled(.notWebCallback)
        return controls
    }

    /// D2, E2, E3, E4, E7, E9 for the agent who owns the customer call.
    private static func applyOwnerCallControls(to controls: inout Controls, interaction: Interaction) {
        let isCustomerHeld = interaction.customerLeg == .held
        controls.hold = isCustomerHeld ? .disabled(.onHold) : .enabled
        controls.unhold = isCustomerHeld ? .enabled : .disabled(.notOnHold)

        guard let consult = interaction.consult else {
            controls.end = isCustomerHeld ? .disabled(.onHold) : .enabled
            controls.consult = .enabled
            controls.transfer = .enabled
            for keyPath in [\Controls.consultEnd, \.consultHold, \.consultUnhold, \.consultTransfer, \.consultConference] {
                controls[keyPath: keyPath] = .disabled(.noConsult)
            }
            return
        }
        controls.consultEnd = .enabled
        if consult.isConferenced {
            // E9: everyone is bridged; End takes agent 1 out, Transfer hands the call to agent 2.
            controls.hold = .disabled(.inConference)
            controls.end = .enabled
            controls.consultTransfer = .enabled
            for keyPath in [\Controls.consult, \.transfer, \.consultHold, \.consultUnhold, \.consultConference] {
                controls[keyPath: keyPath] = .disabled(.inConference)
            }
            return
        }
        controls.end = .disabled(.consultInProgress)
        controls.consult = .disabled(.consultInProgress)
        controls.transfer = .disabled(.consultInProgress)
        guard consult.isAccepted else {
            // E2: Transfer and Conference wait for the consulted party; Resume stays enabled.
            for keyPath in [\Controls.consultHold, \.consultUnhold, \.consultTransfer, \.consultConference] {
                controls[keyPath: keyPath] = .disabled(.consultNotAccepted)
            }
            return
        }
        let isConsultHeld = consult.leg == .held
        controls.consultHold = isConsultHeld ? .disabled(.consultOnHold) : .enabled
        controls.consultUnhold = isConsultHeld ? .enabled : .disabled(.consultNotOnHold)
        controls.consultTransfer = .enabled
        controls.consultConference = .enabled
    }

    /// G2, G3: Privacy Shield pause and resume.
    private static func applyRecordingControls(
        to controls: inout Controls, interaction: Interaction, settings: TenantSettings
    ) {
        let blocked: DisabledReason? =
            switch interaction.recording {
            case .off: .recordingOff
            case _ where !settings.privacyShieldEnabled: .privacyShieldDisabled
            case _ where interaction.isConferenced: .inConference
            case _ where interaction.consult != nil: .consultInProgress
            default: nil
            }
        if let blocked {
            controls.recordPause = .disabled(blocked)
            controls.recordResume = .disabled(blocked)
        } else if case .paused = interaction.recording {
            controls.recordPause = .disabled(.recordingPaused)
            controls.recordResume = .enabled
        } else {
            controls.recordPause = .enabled
            controls.recordResume = .disabled(.recordingNotPaused)
        }
    }
}
