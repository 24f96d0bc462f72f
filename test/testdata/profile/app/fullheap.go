package main

import (
	"compress/gzip"
	"io"
	"math"
	"runtime"
)

// Field numbers from github.com/google/pprof proto/profile.proto.
const (
	profileSampleType = 1
	profileSample     = 2
	profileLocation   = 4
	profileFunction   = 5
	profileStringTab  = 6
	profilePeriodType = 11
	profilePeriod     = 12

	valueTypeType = 1
	valueTypeUnit = 2

	sampleLocationID = 1
	sampleValue      = 2

	locationID      = 1
	locationAddress = 3
	locationLine    = 4

	lineFunctionID = 1
	lineLine       = 2

	functionID         = 1
	functionName       = 2
	functionSystemName = 3
	functionFilename   = 4
)

// pbuf is a minimal protocol buffer encoder.
type pbuf struct {
	b []byte
}

func (p *pbuf) varint(x uint64) {
	for x >= 0x80 {
		p.b = append(p.b, byte(x)|0x80)
		x >>= 7
	}
	p.b = append(p.b, byte(x))
}

func (p *pbuf) key(field, wire int) {
	p.varint(uint64(field)<<3 | uint64(wire))
}

// uint64 writes a varint field (wire type 0), skipping zero values.
func (p *pbuf) uint64(field int, x uint64) {
	if x == 0 {
		return
	}
	p.key(field, 0)
	p.varint(x)
}

func (p *pbuf) int64(field int, x int64) {
	p.uint64(field, uint64(x))
}

// bytes writes a length-delimited field (wire type 2).
func (p *pbuf) bytes(field int, b []byte) {
	p.key(field, 2)
	p.varint(uint64(len(b)))
	p.b = append(p.b, b...)
}

// message writes the embedded message built by fn.
func (p *pbuf) message(field int, fn func(m *pbuf)) {
	var m pbuf
	fn(&m)
	p.bytes(field, m.b)
}

func (p *pbuf) packedUint64(field int, xs []uint64) {
	if len(xs) == 0 {
		return
	}
	var m pbuf
	for _, x := range xs {
		m.varint(x)
	}
	p.bytes(field, m.b)
}

func (p *pbuf) packedInt64(field int, xs []int64) {
	us := make([]uint64, len(xs))
	for i, x := range xs {
		us[i] = uint64(x)
	}
	p.packedUint64(field, us)
}

// scaleHeapSample scales a heap sample the way runtime/pprof does.
func scaleHeapSample(count, size, rate int64) (int64, int64) {
	if count == 0 || size == 0 {
		return 0, 0
	}
	if rate <= 1 {
		return count, size
	}
	avgSize := float64(size) / float64(count)
	scale := 1 / (1 - math.Exp(-avgSize/float64(rate)))
	return int64(float64(count) * scale), int64(float64(size) * scale)
}

type funcKey struct {
	name, file string
}

type frameKey struct {
	pc   uintptr
	fn   funcKey
	line int
}

type location struct {
	id     uint64
	addr   uint64
	funcID uint64
	line   int64
}

type profileBuilder struct {
	strings   []string
	stringIDs map[string]int64
	funcs     []funcKey
	funcIDs   map[funcKey]uint64
	locs      []location
	locIDs    map[frameKey]uint64
}

func newProfileBuilder() *profileBuilder {
	b := &profileBuilder{
		stringIDs: map[string]int64{},
		funcIDs:   map[funcKey]uint64{},
		locIDs:    map[frameKey]uint64{},
	}
	b.str("") // string_table[0] must be "".
	return b
}

func (b *profileBuilder) str(s string) int64 {
	if id, ok := b.stringIDs[s]; ok {
		return id
	}
	id := int64(len(b.strings))
	b.strings = append(b.strings, s)
	b.stringIDs[s] = id
	return id
}

func (b *profileBuilder) funcID(k funcKey) uint64 {
	if id, ok := b.funcIDs[k]; ok {
		return id
	}
	b.str(k.name)
	b.str(k.file)
	b.funcs = append(b.funcs, k)
	id := uint64(len(b.funcs))
	b.funcIDs[k] = id
	return id
}

// stackLocs returns the location ids of every frame of stk, inlined
// frames included, leaf first.
func (b *profileBuilder) stackLocs(stk []uintptr) []uint64 {
	var ids []uint64
	frames := runtime.CallersFrames(stk)
	for {
		f, more := frames.Next()
		if f.PC != 0 || f.Function != "" {
			fk := funcKey{name: f.Function, file: f.File}
			k := frameKey{pc: f.PC, fn: fk, line: f.Line}
			id, ok := b.locIDs[k]
			if !ok {
				id = uint64(len(b.locs) + 1)
				b.locs = append(b.locs, location{
					id:     id,
					addr:   uint64(f.PC),
					funcID: b.funcID(fk),
					line:   int64(f.Line),
				})
				b.locIDs[k] = id
			}
			ids = append(ids, id)
		}
		if !more {
			break
		}
	}
	return ids
}

// writeFullHeap writes a gzipped pprof heap profile of records, keeping
// every frame (runtime ones included) of every stack.
func writeFullHeap(w io.Writer, records []runtime.MemProfileRecord, rate int64) error {
	b := newProfileBuilder()
	var p pbuf

	valueType := func(field int, typ, unit string) {
		t, u := b.str(typ), b.str(unit)
		p.message(field, func(m *pbuf) {
			m.int64(valueTypeType, t)
			m.int64(valueTypeUnit, u)
		})
	}
	valueType(profileSampleType, "alloc_objects", "count")
	valueType(profileSampleType, "alloc_space", "bytes")
	valueType(profileSampleType, "inuse_objects", "count")
	valueType(profileSampleType, "inuse_space", "bytes")

	values := make([]int64, 4)
	for i := range records {
		r := &records[i]
		locs := b.stackLocs(r.Stack())
		values[0], values[1] = scaleHeapSample(r.AllocObjects, r.AllocBytes, rate)
		values[2], values[3] = scaleHeapSample(r.InUseObjects(), r.InUseBytes(), rate)
		p.message(profileSample, func(m *pbuf) {
			m.packedUint64(sampleLocationID, locs)
			m.packedInt64(sampleValue, values)
		})
	}

	for _, l := range b.locs {
		p.message(profileLocation, func(m *pbuf) {
			m.uint64(locationID, l.id)
			m.uint64(locationAddress, l.addr)
			m.message(locationLine, func(ln *pbuf) {
				ln.uint64(lineFunctionID, l.funcID)
				ln.int64(lineLine, l.line)
			})
		})
	}
	for i, f := range b.funcs {
		name, file := b.str(f.name), b.str(f.file)
		p.message(profileFunction, func(m *pbuf) {
			m.uint64(functionID, uint64(i+1))
			m.int64(functionName, name)
			m.int64(functionSystemName, name)
			m.int64(functionFilename, file)
		})
	}

	// The period type strings must be interned before the string table
	// is written.
	pt, pu := b.str("space"), b.str("bytes")
	p.message(profilePeriodType, func(m *pbuf) {
		m.int64(valueTypeType, pt)
		m.int64(valueTypeUnit, pu)
	})
	p.int64(profilePeriod, rate)

	for _, s := range b.strings {
		p.bytes(profileStringTab, []byte(s))
	}

	zw := gzip.NewWriter(w)
	if _, err := zw.Write(p.b); err != nil {
		return err
	}
	return zw.Close()
}
