import AirlockCore
import Foundation

/// A call the broker refused or could not make, as both ends see it: its description is
/// the message the local command would have printed.
public struct BrokerError: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Codable, Sendable {
        /// The line is not a request: malformed JSON, a missing or extra field, an over-long line.
        case malformed = "protocol"
        /// No such call (a decision, say).
        case unknownCall
        /// A bound broker refused to act as another agent.
        case forbidden
        /// No such proposal (or none this agent may see).
        case notFound
        /// The patch cannot be read (exit 2 on the command line).
        case unusable
        /// The patch does not apply to the workspace as it is (exit 1).
        case refused
        /// Over a submission quota.
        case quota
        /// A value the service does not take, such as a bad agent name.
        case invalid
        /// The proposal cannot move that way (already decided, not waiting).
        case conflict
        /// The store was opened to look only.
        case readOnly
        /// The call was cancelled.
        case cancelled
        /// The connection to the broker ended or could not be made.
        case disconnected
        case failed

        public init(from decoder: any Decoder) throws {
            // A newer broker's kinds still read as a failure with its message.
            self = Kind(rawValue: try decoder.singleValueContainer().decode(String.self)) ?? .failed
        }
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Any error a service call threw, as the broker sends it.
    public init(serving error: any Error) {
        switch error {
        case let error as BrokerError:
            self = error
        case let error as PatchParseError:
            self.init(.unusable, error.description)
        case let error as PatchFormatError:
            self.init(error.cause == .workspace ? .refused : .unusable, error.description)
        case let error as ApplyRefusal:
            self.init(.refused, error.description)
        case let error as QuotaExceeded:
            self.init(.quota, error.description)
        case let error as ProposalError:
            self.init(.invalid, error.description)
        case let error as StoreError:
            switch error {
            case .noSuchProposal: self.init(.notFound, error.description)
            case .notOwner: self.init(.forbidden, error.description)
            case .stateConflict: self.init(.conflict, error.description)
            case .unusable: self.init(.failed, error.description)
            }
        case let error as ServiceError:
            self.init(.readOnly, error.description)
        case is CancellationError:
            self.init(.cancelled, "the call was cancelled")
        case let error as CustomStringConvertible:
            self.init(.failed, error.description)
        default:
            self.init(.failed, "\(error)")
        }
    }
}
