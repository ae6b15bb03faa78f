package fit

import (
	"bytes"
	"testing"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// TestCreatorDevice: the recording device is named by the FIT profile's
// product name of the creator (device_info, device index 0) over
// file_id's, never by a sensor's, and by file_id alone when the creator
// says nothing.
func TestCreatorDevice(t *testing.T) {
	t.Parallel()
	info := func(index typedef.DeviceIndex, maker typedef.Manufacturer, product uint16, name string) proto.Message {
		d := mesgdef.NewDeviceInfo(nil)
		d.Timestamp, d.DeviceIndex, d.Manufacturer, d.Product, d.ProductName = fixtureStart, index, maker, product, name
		return d.ToMesg(nil)
	}
	garmin := typedef.ManufacturerGarmin
	tests := []struct {
		name        string
		maker       typedef.Manufacturer
		product     uint16
		infos       []proto.Message
		wantMaker   string
		wantProduct string
	}{
		{"a fenix 3 on the 920XT's platform", garmin, uint16(typedef.GarminProductFr920xt),
			[]proto.Message{info(typedef.DeviceIndexCreator, garmin, uint16(typedef.GarminProductFenix3), "")}, "garmin", "fenix3"},
		{"a heart-rate strap is no recording device", garmin, uint16(typedef.GarminProductFenix3),
			[]proto.Message{info(1, garmin, uint16(typedef.GarminProductHrmRun), "")}, "garmin", "fenix3"},
		{"the creator's own name", typedef.ManufacturerDevelopment, 0,
			[]proto.Message{info(typedef.DeviceIndexCreator, typedef.ManufacturerDevelopment, 0, "FIT Cookbook")}, "development", "FIT Cookbook"},
		{"a creator of another maker does not rename", garmin, uint16(typedef.GarminProductFenix3),
			[]proto.Message{info(typedef.DeviceIndexCreator, typedef.ManufacturerWahooFitness, 31, "")}, "garmin", "fenix3"},
		{"a creator fills what file_id lacks", typedef.ManufacturerInvalid, basetype.Uint16Invalid,
			[]proto.Message{info(typedef.DeviceIndexCreator, garmin, uint16(typedef.GarminProductFenix3), "")}, "garmin", "fenix3"},
		{"file_id alone", garmin, uint16(typedef.GarminProductFr935), nil, "garmin", "fr935"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r recording
			r.fileID(tt.maker, tt.product, fixtureStart)
			r.msgs = append(r.msgs, tt.infos...)
			for s := 0; s <= 600; s += 5 {
				r.add(madeRecord(fixtureStart.Add(sec(s)), 3*float64(s), 3).ToMesg(nil))
			}
			r.add(r.session(typedef.SportRunning, typedef.SubSportGeneric, fixtureStart, sec(600), 1800).ToMesg(nil))
			var b bytes.Buffer
			if err := encoder.New(&b, encoder.WithProtocolVersion(proto.V2)).Encode(&proto.FIT{Messages: r.msgs}); err != nil {
				t.Fatal(err)
			}
			acts, err := Decode(b.Bytes())
			if err != nil || len(acts) != 1 {
				t.Fatalf("Decode: %d activities, %v", len(acts), err)
			}
			if d := acts[0].Device; d.Maker != tt.wantMaker || d.Product != tt.wantProduct {
				t.Errorf("device %s %s, want %s %s", d.Maker, d.Product, tt.wantMaker, tt.wantProduct)
			}
		})
	}
}
