export { ApiError } from "./ApiError";
export { type AppDeps, createApp } from "./app";
export { type Authorize, type AuthorizeDeps, type AuthorizeResult, createAuthorize } from "./authorize";
export { type Config, ConfigError, type Limits, loadConfig } from "./config";
export type { FanoutBus, FanoutMessage, FanoutPayload, FanoutSubscription } from "./fanout/FanoutBus";
export { FanoutSocketRegistry } from "./fanout/FanoutSocketRegistry";
export { LocalFanoutHub } from "./fanout/LocalFanoutHub";
export { RedisFanoutBus, type RedisFanoutBusOptions } from "./fanout/RedisFanoutBus";
export { RoomFanout, type RoomFanoutOptions } from "./fanout/RoomFanout";
export type { SocketEvent } from "./fanout/SocketEvent";
export { createLogger, type Logger } from "./logger";
export {
  AuthType,
  type ClientMessage,
  CloseCode,
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwarenessUpdate,
  FOREIGN_AWARENESS_ATTEMPTS_BEFORE_CLOSE,
  MessageType,
  PERMISSION_DENIED_REASON,
  ProtocolError,
  SyncType,
  VIEWER_WRITE_ATTEMPTS_BEFORE_CLOSE,
} from "./protocol";
export { canWriteDocument, hasRole, higherRole, ROLES, type Role } from "./roles";
export { checkUpdate, type UpdateCheck } from "./rooms/checkUpdate";
export {
  FANOUT_ORIGIN,
  type Principal,
  Room,
  type RoomPeer,
  type RoomRelay,
  SERVER_ORIGIN,
  type UpdateResult,
} from "./rooms/Room";
export { RoomManager, type RoomManagerOptions } from "./rooms/RoomManager";
export { type RunningServer, type ServerDeps, type ServerStores, startServer } from "./server";
export { Connection, type ConnectionContext, type ConnectionIdentity } from "./sync/Connection";
export { type Beating, Heartbeat } from "./sync/Heartbeat";
export { type LiveSocket, SocketRegistry, type SocketRegistryOptions } from "./sync/SocketRegistry";
export { TokenBucket } from "./sync/TokenBucket";
