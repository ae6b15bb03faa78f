package fit

import (
	"math"
	"strings"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/proto"
)

// Developer data fields carry what a sensor or a Connect IQ app recorded
// that the device did not: a Stryd pod's power, a chest strap paired to an
// app, an app's swim distance. easyrun reads those that stand in for a
// native field easyrun uses, and only where the native field is missing.

// devKey identifies a developer field within a file.
type devKey struct{ index, num uint8 }

// devTarget is the native value a developer field stands in for.
type devTarget uint8

const (
	devNone devTarget = iota
	devHeartRate
	devPower
	devCadence // per leg when running, as the native field
	devDistance
	devSpeed
	devAvgHeartRate
	devMaxHeartRate
)

// devField is what the field description of one developer field says.
type devField struct {
	target devTarget
	mesg   typedef.MesgNum // the message the target belongs to; MesgNumInvalid for any
	base   basetype.BaseType
	scale  float64
	offset float64
}

// nativeTargets maps the native fields developer fields name by number
// (native_mesg_num, native_field_num) to what easyrun reads.
var nativeTargets = map[typedef.MesgNum]map[uint8]devTarget{
	typedef.MesgNumRecord: {
		fieldnum.RecordHeartRate:     devHeartRate,
		fieldnum.RecordPower:         devPower,
		fieldnum.RecordCadence:       devCadence,
		fieldnum.RecordDistance:      devDistance,
		fieldnum.RecordSpeed:         devSpeed,
		fieldnum.RecordEnhancedSpeed: devSpeed,
	},
	typedef.MesgNumLap: {
		fieldnum.LapTotalDistance: devDistance,
		fieldnum.LapAvgHeartRate:  devAvgHeartRate,
		fieldnum.LapMaxHeartRate:  devMaxHeartRate,
	},
	typedef.MesgNumSession: {
		fieldnum.SessionTotalDistance: devDistance,
		fieldnum.SessionAvgHeartRate:  devAvgHeartRate,
		fieldnum.SessionMaxHeartRate:  devMaxHeartRate,
	},
}

// namedTargets maps developer field names, lower-cased without spaces or
// underscores, to what easyrun reads, for the many apps that name the
// native field they stand in for without numbering it (or number it
// wrongly: Stryd's early files give speed the message number 6).
var namedTargets = map[string]devTarget{
	"heartrate":     devHeartRate,
	"hr":            devHeartRate,
	"power":         devPower,
	"cadence":       devCadence,
	"distance":      devDistance,
	"totaldistance": devDistance,
	"speed":         devSpeed,
	"avgheartrate":  devAvgHeartRate,
	"maxheartrate":  devMaxHeartRate,
}

// describe notes a field description that stands in for a native field.
func (c *collector) describe(f *mesgdef.FieldDescription) {
	d := devField{mesg: typedef.MesgNumInvalid, base: f.FitBaseTypeId, scale: 1}
	if f.Scale != basetype.Uint8Invalid && f.Scale != 0 {
		d.scale = float64(f.Scale)
	}
	if f.Offset != basetype.Sint8Invalid {
		d.offset = float64(f.Offset)
	}
	if byNum, ok := nativeTargets[f.NativeMesgNum]; ok && f.NativeFieldNum != basetype.Uint8Invalid {
		d.target, d.mesg = byNum[f.NativeFieldNum], f.NativeMesgNum
	}
	if d.target == devNone && len(f.FieldName) > 0 {
		name := strings.NewReplacer(" ", "", "_", "").Replace(strings.ToLower(f.FieldName[0]))
		d.target, d.mesg = namedTargets[name], typedef.MesgNumInvalid
	}
	if d.target == devNone || !d.base.Valid() {
		return
	}
	if c.devFields == nil {
		c.devFields = map[devKey]devField{}
	}
	c.devFields[devKey{f.DeveloperDataIndex, f.FieldDefinitionNumber}] = d
}

// devValues calls set with every developer field of mesg that stands in
// for a native field of that message, scaled to its units.
func (c *collector) devValues(mesg *proto.Message, set func(devTarget, float64)) {
	for _, f := range mesg.DeveloperFields {
		d, ok := c.devFields[devKey{f.DeveloperDataIndex, f.Num}]
		if !ok || (d.mesg != typedef.MesgNumInvalid && d.mesg != typedef.MesgNum(mesg.Num)) {
			continue
		}
		if v, ok := number(f.Value, d.base); ok {
			set(d.target, v/d.scale-d.offset)
		}
	}
}

// number is a developer field's scalar value, unless it is the base
// type's invalid value or not a number.
func number(v proto.Value, base basetype.BaseType) (float64, bool) {
	if !v.Valid(base) {
		return 0, false
	}
	var x float64
	switch n := v.Any().(type) {
	case int8:
		x = float64(n)
	case uint8:
		x = float64(n)
	case int16:
		x = float64(n)
	case uint16:
		x = float64(n)
	case int32:
		x = float64(n)
	case uint32:
		x = float64(n)
	case int64:
		x = float64(n)
	case uint64:
		x = float64(n)
	case float32:
		x = float64(n)
	case float64:
		x = n
	default:
		return 0, false
	}
	return x, !math.IsNaN(x) && !math.IsInf(x, 0)
}

// recordDev fills the values r lacks from developer fields.
func (c *collector) recordDev(r *record, mesg *proto.Message) {
	c.devValues(mesg, func(t devTarget, v float64) {
		var dst *float64
		switch t {
		case devHeartRate:
			if v <= 0 {
				return // as natively: 0 before the strap locks on
			}
			dst = &r.heartRate
		case devPower:
			dst = &r.powerW
		case devCadence:
			dst = &r.cadenceRPM
		case devDistance:
			dst = &r.distanceM
		case devSpeed:
			dst = &r.speedMS
		default:
			return
		}
		if math.IsNaN(*dst) && v >= 0 {
			*dst = v
		}
	})
}

// lapDev fills the totals l lacks from developer fields.
func (c *collector) lapDev(l *mesgdef.Lap, mesg *proto.Message) {
	c.devValues(mesg, func(t devTarget, v float64) {
		fillTotals(t, v, &l.TotalDistance, &l.AvgHeartRate, &l.MaxHeartRate)
	})
}

// sessionDev fills the totals s lacks from developer fields.
func (c *collector) sessionDev(s *mesgdef.Session, mesg *proto.Message) {
	c.devValues(mesg, func(t devTarget, v float64) {
		fillTotals(t, v, &s.TotalDistance, &s.AvgHeartRate, &s.MaxHeartRate)
	})
}

// fillTotals sets a lap's or session's total distance (in the native
// unit, centimetres) or heart rate from a developer value when the native
// field is missing.
func fillTotals(t devTarget, v float64, distance *uint32, avgHR, maxHR *uint8) {
	switch {
	// A native distance of 0 is a watch that measured none (an indoor
	// rower, a pool swim the app measured).
	case t == devDistance && (*distance == basetype.Uint32Invalid || *distance == 0) && v >= 0 && v*100 < math.MaxUint32:
		*distance = uint32(math.Round(v * 100))
	case t == devAvgHeartRate && *avgHR == basetype.Uint8Invalid && v > 0 && v < 255:
		*avgHR = uint8(math.Round(v))
	case t == devMaxHeartRate && *maxHR == basetype.Uint8Invalid && v > 0 && v < 255:
		*maxHR = uint8(math.Round(v))
	}
}
