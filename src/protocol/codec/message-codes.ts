/**
 * Every byte and magic number of the PostgreSQL v3 wire protocol this server speaks, named
 * (PGlite's MessageCodes / CockroachDB's pgwirebase enums). Nothing else in protocol/ may use
 * a bare message byte.
 */

/** Startup-phase request codes: sent in place of a protocol version in an untyped frame. */
export const PROTOCOL_VERSION_3 = 196608; // 3 << 16 | 0
export const SSL_REQUEST_CODE = 80877103; // 1234 << 16 | 5679
export const GSSENC_REQUEST_CODE = 80877104; // 1234 << 16 | 5680
export const CANCEL_REQUEST_CODE = 80877102; // 1234 << 16 | 5678

/** Single unframed bytes answering SSLRequest / GSSENCRequest. */
export const SSL_REFUSED = 0x4e; // 'N'
export const SSL_ACCEPTED = 0x53; // 'S'

/** Frontend (client → server) message type bytes. */
export const FrontendCode = {
  Query: 0x51, // 'Q'
  Parse: 0x50, // 'P'
  Bind: 0x42, // 'B'
  Describe: 0x44, // 'D'
  Execute: 0x45, // 'E'
  Sync: 0x53, // 'S'
  Flush: 0x48, // 'H'
  Close: 0x43, // 'C'
  Terminate: 0x58, // 'X'
  CopyData: 0x64, // 'd'
  CopyDone: 0x63, // 'c'
  CopyFail: 0x66, // 'f'
  /** PasswordMessage, SASLInitialResponse and SASLResponse share 'p'; the auth state decides. */
  Password: 0x70, // 'p'
  FunctionCall: 0x46, // 'F'
} as const;

/** Backend (server → client) message type bytes. */
export const BackendCode = {
  Authentication: 0x52, // 'R'
  ParameterStatus: 0x53, // 'S'
  BackendKeyData: 0x4b, // 'K'
  ReadyForQuery: 0x5a, // 'Z'
  RowDescription: 0x54, // 'T'
  DataRow: 0x44, // 'D'
  CommandComplete: 0x43, // 'C'
  EmptyQueryResponse: 0x49, // 'I'
  ErrorResponse: 0x45, // 'E'
  NoticeResponse: 0x4e, // 'N'
  ParseComplete: 0x31, // '1'
  BindComplete: 0x32, // '2'
  CloseComplete: 0x33, // '3'
  NoData: 0x6e, // 'n'
  ParameterDescription: 0x74, // 't'
  PortalSuspended: 0x73, // 's'
  CopyInResponse: 0x47, // 'G'
  CopyOutResponse: 0x48, // 'H'
  CopyData: 0x64, // 'd'
  CopyDone: 0x63, // 'c'
} as const;

/** Authentication request sub-codes (first int32 of an 'R' message). */
export const AuthCode = {
  Ok: 0,
  CleartextPassword: 3,
  MD5Password: 5,
  SASL: 10,
  SASLContinue: 11,
  SASLFinal: 12,
} as const;

/** ReadyForQuery transaction status bytes. */
export const TransactionStatusCode = {
  Idle: 0x49, // 'I'
  InBlock: 0x54, // 'T'
  Failed: 0x45, // 'E'
} as const;

/** Describe/Close target bytes. */
export const TargetCode = {
  Statement: 0x53, // 'S'
  Portal: 0x50, // 'P'
} as const;

/** ErrorResponse / NoticeResponse field type bytes. */
export const ErrorField = {
  Severity: 0x53, // 'S' localised
  SeverityNonLocalized: 0x56, // 'V'
  Code: 0x43, // 'C'
  Message: 0x4d, // 'M'
  Detail: 0x44, // 'D'
  Hint: 0x48, // 'H'
  Position: 0x50, // 'P'
  Schema: 0x73, // 's'
  Table: 0x74, // 't'
  Column: 0x63, // 'c'
  Constraint: 0x6e, // 'n'
  DataType: 0x64, // 'd'
  Where: 0x57, // 'W'
  Routine: 0x52, // 'R'
} as const;

/** Format codes in Bind and RowDescription. */
export const FormatCode = { Text: 0, Binary: 1 } as const;
export type FormatCodeValue = (typeof FormatCode)[keyof typeof FormatCode];

/** A frame length covers itself (4 bytes); the type byte is extra. */
export const LENGTH_FIELD_SIZE = 4;
/** Upper bound for one frontend message; PG's default is 1 GB, we cap lower to stay safe. */
export const MAX_MESSAGE_LENGTH = 256 * 1024 * 1024;
/** Startup packets are small; PG rejects above 10000 bytes (MAX_STARTUP_PACKET_LENGTH). */
export const MAX_STARTUP_LENGTH = 10000;
/**
 * Longest message before authentication (a password or SASL response): PostgreSQL's
 * PG_MAX_AUTH_TOKEN_LENGTH. Anything longer from a client that has not logged in is a protocol
 * violation, so nobody can make the server buffer megabytes without a password.
 */
export const MAX_AUTH_MESSAGE_LENGTH = 65535;
/** A NULL parameter or DataRow column is sent with length -1. */
export const NULL_LENGTH = -1;
