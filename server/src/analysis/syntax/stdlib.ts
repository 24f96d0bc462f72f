// Result types of common standard-library functions, methods and constants, written from their Go
// declarations (go doc <pkg>.<name>, Go 1.26), so that values computed by them have a type without
// reading the standard library. Only names whose signature has not changed since Go 1.19 (or
// whose release is noted) are listed; everything else stays unknown.
import { externalType, predeclaredType, UNKNOWN, type GoType } from './gotypes';

/** A type spelled in the small syntax of this table: basic names, []T, [][]T, error, pkg.Name. */
function spec(s: string): GoType {
  if (s.startsWith('[]')) return { kind: 'slice', elem: spec(s.slice(2)) };
  const dot = s.indexOf('.');
  if (dot > 0) return externalType(s.slice(0, dot), s.slice(dot + 1));
  return predeclaredType(s) ?? UNKNOWN(`stdlib table: ${s}`);
}

const S = 'string', I = 'int', B = 'bool', F = 'float64', E = 'error', BS = '[]byte';

/** Functions: "pkg.Name" (import path, not the local name) -> result types. */
const FUNCS: Record<string, readonly string[]> = {
  'strconv.Itoa': [S], 'strconv.FormatInt': [S], 'strconv.FormatUint': [S], 'strconv.FormatFloat': [S],
  'strconv.FormatBool': [S], 'strconv.Quote': [S], 'strconv.QuoteRune': [S], 'strconv.QuoteToASCII': [S],
  'strconv.Unquote': [S, E], 'strconv.Atoi': [I, E], 'strconv.ParseInt': ['int64', E],
  'strconv.ParseUint': ['uint64', E], 'strconv.ParseFloat': [F, E], 'strconv.ParseBool': [B, E],
  'strconv.AppendInt': [BS], 'strconv.AppendQuote': [BS],
  'fmt.Sprintf': [S], 'fmt.Sprint': [S], 'fmt.Sprintln': [S], 'fmt.Errorf': [E],
  'fmt.Println': [I, E], 'fmt.Printf': [I, E], 'fmt.Fprintf': [I, E], 'fmt.Fprintln': [I, E],
  'time.Now': ['time.Time'], 'time.Since': ['time.Duration'], 'time.Until': ['time.Duration'],
  'time.Unix': ['time.Time'], 'time.UnixMilli': ['time.Time'], 'time.Date': ['time.Time'],
  'time.ParseDuration': ['time.Duration', E], 'time.Parse': ['time.Time', E],
  'strings.Join': [S], 'strings.Repeat': [S], 'strings.Replace': [S], 'strings.ReplaceAll': [S],
  'strings.ToLower': [S], 'strings.ToUpper': [S], 'strings.TrimSpace': [S], 'strings.Trim': [S],
  'strings.TrimPrefix': [S], 'strings.TrimSuffix': [S], 'strings.TrimLeft': [S], 'strings.TrimRight': [S],
  'strings.Split': ['[]string'], 'strings.SplitN': ['[]string'], 'strings.Fields': ['[]string'],
  'strings.Contains': [B], 'strings.ContainsAny': [B], 'strings.ContainsRune': [B], 'strings.HasPrefix': [B],
  'strings.HasSuffix': [B], 'strings.EqualFold': [B], 'strings.Index': [I], 'strings.IndexByte': [I],
  'strings.LastIndex': [I], 'strings.Count': [I], 'strings.Compare': [I], 'strings.Cut': [S, S, B],
  'bytes.Join': [BS], 'bytes.Repeat': [BS], 'bytes.ToLower': [BS], 'bytes.ToUpper': [BS],
  'bytes.TrimSpace': [BS], 'bytes.Split': ['[][]byte'], 'bytes.Fields': ['[][]byte'], 'bytes.Contains': [B],
  'bytes.Equal': [B], 'bytes.HasPrefix': [B], 'bytes.HasSuffix': [B], 'bytes.Index': [I], 'bytes.Compare': [I],
  'bytes.Clone': [BS], // Go 1.20
  'errors.New': [E], 'errors.Is': [B], 'errors.Unwrap': [E], 'errors.Join': [E], // Join: Go 1.20
  'math.Sqrt': [F], 'math.Abs': [F], 'math.Floor': [F], 'math.Ceil': [F], 'math.Pow': [F], 'math.Max': [F],
  'math.Min': [F], 'math.Log': [F], 'math.Log2': [F], 'math.Log10': [F], 'math.Exp': [F], 'math.Sin': [F],
  'math.Cos': [F], 'math.Round': [F], 'math.Trunc': [F], 'math.Mod': [F], 'math.Hypot': [F], 'math.Inf': [F],
  'math.NaN': [F], 'math.Float64frombits': [F], 'math.Float64bits': ['uint64'], 'math.Float32bits': ['uint32'],
  'os.Getenv': [S], 'os.Hostname': [S, E], 'os.Getwd': [S, E], 'os.Getpid': [I], 'os.LookupEnv': [S, B],
  'unicode/utf8.RuneCountInString': [I], 'unicode/utf8.RuneLen': [I], 'unicode/utf8.ValidString': [B],
};

/** Methods of standard-library types: "pkg.Type.Method" -> result types. */
const METHODS: Record<string, readonly string[]> = {
  'time.Time.Unix': ['int64'], 'time.Time.UnixNano': ['int64'], 'time.Time.UnixMilli': ['int64'],
  'time.Time.Format': [S], 'time.Time.String': [S], 'time.Time.Sub': ['time.Duration'], 'time.Time.Add': ['time.Time'],
  'time.Time.Year': [I], 'time.Time.Day': [I], 'time.Time.Hour': [I], 'time.Time.IsZero': [B],
  'time.Time.Before': [B], 'time.Time.After': [B], 'time.Time.Equal': [B], 'time.Time.UTC': ['time.Time'],
  'time.Duration.Seconds': [F], 'time.Duration.Minutes': [F], 'time.Duration.Hours': [F],
  'time.Duration.Milliseconds': ['int64'], 'time.Duration.Microseconds': ['int64'], 'time.Duration.Nanoseconds': ['int64'],
  'time.Duration.String': [S],
};

/**
 * Constants: "pkg.Name" -> the type of the constant; an untyped constant has its default type
 * (math.Pi: float64, math.MaxInt64: int). Typed ones keep their type (time.Second: time.Duration).
 */
const CONSTANTS: Record<string, string> = {
  'time.Nanosecond': 'time.Duration', 'time.Microsecond': 'time.Duration', 'time.Millisecond': 'time.Duration',
  'time.Second': 'time.Duration', 'time.Minute': 'time.Duration', 'time.Hour': 'time.Duration',
  'time.Layout': S, 'time.ANSIC': S, 'time.UnixDate': S, 'time.RubyDate': S, 'time.RFC822': S, 'time.RFC822Z': S,
  'time.RFC850': S, 'time.RFC1123': S, 'time.RFC1123Z': S, 'time.RFC3339': S, 'time.RFC3339Nano': S,
  'time.Kitchen': S, 'time.Stamp': S, 'time.StampMilli': S, 'time.StampMicro': S, 'time.StampNano': S,
  'time.DateTime': S, 'time.DateOnly': S, 'time.TimeOnly': S, // Go 1.20
  'math.Pi': F, 'math.E': F, 'math.Sqrt2': F, 'math.Ln2': F, 'math.MaxFloat64': F, 'math.SmallestNonzeroFloat64': F,
  'math.MaxFloat32': F, 'math.MaxInt': I, 'math.MinInt': I, 'math.MaxInt8': I, 'math.MinInt8': I, 'math.MaxInt16': I,
  'math.MinInt16': I, 'math.MaxInt32': I, 'math.MinInt32': I, 'math.MaxInt64': I, 'math.MinInt64': I,
  'math.MaxUint8': I, 'math.MaxUint16': I, 'math.MaxUint32': I,
  'strconv.IntSize': I,
};

/** Package-level variables: "pkg.Name" -> type. */
const VARS: Record<string, string> = {
  'os.Args': '[]string',
  // Sentinel errors: already interfaces, so storing one converts nothing.
  'io.EOF': E, 'io.ErrUnexpectedEOF': E, 'io.ErrShortWrite': E, 'io.ErrClosedPipe': E,
  'os.ErrNotExist': E, 'os.ErrExist': E, 'os.ErrPermission': E, 'os.ErrClosed': E, 'os.ErrDeadlineExceeded': E,
  'context.Canceled': E, 'context.DeadlineExceeded': E,
};

/** The result types of a standard-library function, or undefined when the table does not know it. */
export function stdFuncResults(importPath: string, name: string): GoType[] | undefined {
  return FUNCS[`${importPath}.${name}`]?.map(spec);
}

/** The result types of a method of a standard-library type (`time.Time` + `Unix`). */
export function stdMethodResults(importPath: string, typeName: string, method: string): GoType[] | undefined {
  return METHODS[`${importPath}.${typeName}.${method}`]?.map(spec);
}

/** The type of a standard-library constant or variable, or undefined. */
export function stdValueType(importPath: string, name: string): GoType | undefined {
  const s = CONSTANTS[`${importPath}.${name}`] ?? VARS[`${importPath}.${name}`];
  return s === undefined ? undefined : spec(s);
}

export function isStdConstant(importPath: string, name: string): boolean {
  return `${importPath}.${name}` in CONSTANTS;
}
