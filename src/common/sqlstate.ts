/**
 * The SQLSTATE catalogue: every code this server can send, named, grouped by class as in
 * PostgreSQL's errcodes appendix. `SqlState` is branded so a bare string cannot be passed
 * where a code is required.
 */
export type SqlState = string & { readonly __brand: 'SqlState' };

const code = (value: string): SqlState => value as SqlState;

export const SQLSTATE = {
  // Class 00 — Successful Completion
  SuccessfulCompletion: code('00000'),
  // Class 01 — Warning
  Warning: code('01000'),
  // Class 08 — Connection Exception
  ProtocolViolation: code('08P01'),
  ConnectionFailure: code('08006'),
  // Class 0A — Feature Not Supported
  FeatureNotSupported: code('0A000'),
  // Class 21 — Cardinality Violation
  CardinalityViolation: code('21000'),
  // Class 22 — Data Exception
  DataException: code('22000'),
  StringDataRightTruncation: code('22001'),
  NumericValueOutOfRange: code('22003'),
  NullValueNotAllowed: code('22004'),
  InvalidPrecedingOrFollowingSize: code('22013'),
  InvalidDatetimeFormat: code('22007'),
  DatetimeFieldOverflow: code('22008'),
  InvalidTimeZoneDisplacementValue: code('22009'),
  IntervalFieldOverflow: code('22015'),
  DivisionByZero: code('22012'),
  InvalidParameterValue: code('22023'),
  InvalidTextRepresentation: code('22P02'),
  InvalidBinaryRepresentation: code('22P03'),
  BadCopyFileFormat: code('22P04'),
  CharacterNotInRepertoire: code('22021'),
  InvalidEscapeSequence: code('22025'),
  SequenceGeneratorLimitExceeded: code('2200H'),
  InvalidUseOfEscapeCharacter: code('2200C'),
  SubstringError: code('22011'),
  InvalidArgumentForNtileFunction: code('22014'),
  InvalidArgumentForNthValueFunction: code('22016'),
  InvalidArgumentForLogarithm: code('2201E'),
  InvalidArgumentForPowerFunction: code('2201F'),
  InvalidArgumentForWidthBucketFunction: code('2201G'),
  InvalidRowCountInLimitClause: code('2201W'),
  InvalidRowCountInResultOffsetClause: code('2201X'),
  InvalidRegularExpression: code('2201B'),
  ArraySubscriptError: code('2202E'),
  UntranslatableCharacter: code('22P05'),
  // Class 22, SQL/JSON (jsonpath evaluation)
  InvalidArgumentForSqlJsonDatetimeFunction: code('22031'),
  InvalidJsonText: code('22032'),
  InvalidSqlJsonSubscript: code('22033'),
  MoreThanOneSqlJsonItem: code('22034'),
  NoSqlJsonItem: code('22035'),
  NonNumericSqlJsonItem: code('22036'),
  SingletonSqlJsonItemRequired: code('22038'),
  SqlJsonArrayNotFound: code('22039'),
  SqlJsonMemberNotFound: code('2203A'),
  SqlJsonNumberNotFound: code('2203B'),
  SqlJsonObjectNotFound: code('2203C'),
  SqlJsonScalarRequired: code('2203F'),
  // Class 23 — Integrity Constraint Violation
  NotNullViolation: code('23502'),
  UniqueViolation: code('23505'),
  ForeignKeyViolation: code('23503'),
  CheckViolation: code('23514'),
  // Class 2B — Dependent Privilege Descriptors Still Exist
  DependentObjectsStillExist: code('2BP01'),
  // Class 42 (identity columns) — GENERATED ALWAYS written to
  GeneratedAlways: code('428C9'),
  // Class 24 — Invalid Cursor State
  InvalidCursorState: code('24000'),
  // Class 25 — Invalid Transaction State
  ActiveSqlTransaction: code('25001'),
  ReadOnlySqlTransaction: code('25006'),
  NoActiveSqlTransaction: code('25P01'),
  InFailedSqlTransaction: code('25P02'),
  IdleInTransactionSessionTimeout: code('25P03'),
  // Class 26 — Invalid SQL Statement Name
  InvalidSqlStatementName: code('26000'),
  // Class 28 — Invalid Authorization Specification
  InvalidAuthorizationSpecification: code('28000'),
  InvalidPassword: code('28P01'),
  // Class 34 — Invalid Cursor Name
  InvalidCursorName: code('34000'),
  // Class 3B — Savepoint Exception
  InvalidSavepointSpecification: code('3B001'),
  // Class 3D — Invalid Catalog Name
  InvalidCatalogName: code('3D000'),
  // Class 40 — Transaction Rollback
  SerializationFailure: code('40001'),
  DeadlockDetected: code('40P01'),
  // Class 44 — WITH CHECK OPTION Violation
  WithCheckOptionViolation: code('44000'),
  // Class 42 — Syntax Error or Access Rule Violation
  SyntaxError: code('42601'),
  InsufficientPrivilege: code('42501'),
  GroupingError: code('42803'),
  DatatypeMismatch: code('42804'),
  WrongObjectType: code('42809'),
  UndefinedColumn: code('42703'),
  UndefinedFunction: code('42883'),
  UndefinedTable: code('42P01'),
  UndefinedParameter: code('42P02'),
  UndefinedObject: code('42704'),
  DuplicateColumn: code('42701'),
  DuplicateCursor: code('42P03'),
  DuplicatePreparedStatement: code('42P05'),
  DuplicateSchema: code('42P06'),
  ReservedName: code('42939'),
  DuplicateTable: code('42P07'),
  DuplicateObject: code('42710'),
  AmbiguousColumn: code('42702'),
  AmbiguousFunction: code('42725'),
  DuplicateFunction: code('42723'),
  IndeterminateDatatype: code('42P18'),
  InvalidColumnReference: code('42P10'),
  CannotCoerce: code('42846'),
  InvalidName: code('42602'),
  DuplicateAlias: code('42712'),
  InvalidTableDefinition: code('42P16'),
  InvalidColumnDefinition: code('42611'),
  InvalidFunctionDefinition: code('42P13'),
  InvalidObjectDefinition: code('42P17'),
  InvalidForeignKey: code('42830'),
  WindowingError: code('42P20'),
  InvalidRecursion: code('42P19'),
  // Class 3F — Invalid Schema Name
  InvalidSchemaName: code('3F000'),
  // Class 53 — Insufficient Resources
  DiskFull: code('53100'),
  OutOfMemory: code('53200'),
  TooManyConnections: code('53300'),
  // Class 54 — Program Limit Exceeded
  ProgramLimitExceeded: code('54000'),
  StatementTooComplex: code('54001'),
  TooManyColumns: code('54011'),
  TooManyArguments: code('54023'),
  // Class 55 — Object Not In Prerequisite State
  ObjectNotInPrerequisiteState: code('55000'),
  CantChangeRuntimeParam: code('55P02'),
  LockNotAvailable: code('55P03'),
  // Class 57 — Operator Intervention
  QueryCanceled: code('57014'),
  AdminShutdown: code('57P01'),
  CrashShutdown: code('57P02'),
  CannotConnectNow: code('57P03'),
  IdleSessionTimeout: code('57P05'),
  // Class 58 — System Error
  IoError: code('58030'),
  UndefinedFile: code('58P01'),
  // Class XX — Internal Error
  InternalError: code('XX000'),
} as const;

export type SqlStateName = keyof typeof SQLSTATE;
