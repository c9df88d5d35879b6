package warc

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"
	"time"
)

// WACZVersion is the version of the WACZ format WACZWriter writes.
const WACZVersion = "1.1.1"

// WACZ file layout.
const (
	WACZArchiveDir = "archive/"
	WACZIndexPath  = "indexes/index.cdxj"
	WACZPagesPath  = "pages/pages.jsonl"
)

// PackageInfo describes a WACZ collection in its datapackage.json.
type PackageInfo struct {
	Title       string
	Description string    // Markdown
	Software    string    // "folio 0.1.0"
	Created     time.Time // also the zip entries' time
	// MainPageURL and MainPageDate name the page a replay opens first;
	// both optional.
	MainPageURL  string
	MainPageDate time.Time
}

// Resource is one file of a WACZ as datapackage.json lists it.
type Resource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

// WACZWriter writes a WACZ 1.1.1 file: a ZIP holding WARCs under archive/,
// a CDXJ index, pages.jsonl, and datapackage.json listing every file with
// its SHA-256 and size, itself digested in datapackage-digest.json.
//
// WARC files (and anything already gzipped) are STORED, not deflated, so
// that a replay tool can read a record straight from its offset with an
// HTTP range request; their local headers carry sizes and CRC, with no
// data descriptor, which streaming ZIP readers need for stored entries.
type WACZWriter struct {
	zw        *zip.Writer
	info      PackageInfo
	resources []Resource
	closed    bool
}

// NewWACZWriter returns a WACZWriter writing to w. Close finishes the file
// but does not close w.
func NewWACZWriter(w io.Writer, info PackageInfo) *WACZWriter {
	if info.Created.IsZero() {
		info.Created = time.Now()
	}
	// In UTC, so the entries' MS-DOS dates (which have no zone) agree
	// with their extended timestamps and with datapackage.json.
	info.Created = info.Created.UTC()
	return &WACZWriter{zw: zip.NewWriter(w), info: info}
}

// Add copies f into the WACZ under name (a path such as
// "archive/data.warc.gz" or "pages/pages.jsonl"). f is read twice: once
// for its digests, once to copy it.
func (z *WACZWriter) Add(name string, f io.ReadSeeker) error {
	if z.closed {
		return ErrClosed
	}
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "..") {
		return fmt.Errorf("warc: bad WACZ path %q", name)
	}
	sha := sha256.New()
	crc := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(sha, crc), f)
	if err != nil {
		return fmt.Errorf("warc: WACZ %s: %w", name, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	fh := &zip.FileHeader{Name: name, Modified: z.info.Created}
	var w io.Writer
	if stored(name) {
		fh.Method = zip.Store
		fh.CRC32 = crc.Sum32()
		fh.CompressedSize64, fh.UncompressedSize64 = uint64(n), uint64(n)
		// CreateRaw writes the header as given: the MS-DOS date, the
		// extended timestamp and the versions CreateHeader fills in are
		// set here, so that stored and deflated entries carry one time.
		//lint:ignore SA1019 CreateRaw writes the MS-DOS fields as given; Modified alone is not written
		fh.ModifiedDate, fh.ModifiedTime = msDosTime(fh.Modified)
		fh.Extra = appendExtTime(fh.Extra, fh.Modified)
		fh.CreatorVersion, fh.ReaderVersion = zipVersion20, zipVersion20
		w, err = z.zw.CreateRaw(fh)
	} else {
		fh.Method = zip.Deflate
		w, err = z.zw.CreateHeader(fh)
	}
	if err != nil {
		return err
	}
	copied, err := io.Copy(w, f)
	if err != nil {
		return fmt.Errorf("warc: WACZ %s: %w", name, err)
	}
	if copied != n {
		return fmt.Errorf("warc: WACZ %s changed while being packed (%d bytes, then %d)", name, n, copied)
	}
	z.resources = append(z.resources, Resource{
		Name: path.Base(name), Path: name, Hash: "sha256:" + hex.EncodeToString(sha.Sum(nil)), Bytes: n,
	})
	return nil
}

// zipVersion20 is the zip version (2.0) archive/zip states for what it
// writes.
const zipVersion20 = 20

// msDosTime is t as an MS-DOS date and time, as archive/zip writes them
// (two-second resolution, years 1980 to 2107).
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// appendExtTime appends the "extended timestamp" extra field (Info-ZIP's
// 0x5455, modification time only) that CreateHeader adds for Modified:
// the time in UTC seconds, which the MS-DOS fields cannot say.
func appendExtTime(extra []byte, t time.Time) []byte {
	const extTimeID, size, modTimeFlag = 0x5455, 5, 1
	extra = binary.LittleEndian.AppendUint16(extra, extTimeID)
	extra = binary.LittleEndian.AppendUint16(extra, size)
	extra = append(extra, modTimeFlag)
	return binary.LittleEndian.AppendUint32(extra, uint32(t.Unix()))
}

// stored: already compressed files are not deflated again (WACZ: "MUST
// NOT be compressed again to allow for random access").
func stored(name string) bool {
	return strings.HasPrefix(name, WACZArchiveDir) || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".zip")
}

// Close writes datapackage.json and datapackage-digest.json and finishes
// the ZIP.
func (z *WACZWriter) Close() error {
	if z.closed {
		return nil
	}
	z.closed = true
	pkg := struct {
		Profile      string     `json:"profile"`
		WACZVersion  string     `json:"wacz_version"`
		Title        string     `json:"title,omitempty"`
		Description  string     `json:"description,omitempty"`
		Created      string     `json:"created"`
		Modified     string     `json:"modified"`
		Software     string     `json:"software,omitempty"`
		MainPageURL  string     `json:"mainPageUrl,omitempty"`
		MainPageDate string     `json:"mainPageDate,omitempty"`
		Resources    []Resource `json:"resources"`
	}{
		Profile: "data-package", WACZVersion: WACZVersion, Title: z.info.Title, Description: z.info.Description,
		Created: z.info.Created.UTC().Format(time.RFC3339), Modified: z.info.Created.UTC().Format(time.RFC3339),
		Software: z.info.Software, MainPageURL: z.info.MainPageURL, Resources: z.resources,
	}
	if pkg.Resources == nil {
		pkg.Resources = []Resource{}
	}
	if !z.info.MainPageDate.IsZero() {
		pkg.MainPageDate = z.info.MainPageDate.UTC().Format(time.RFC3339)
	}
	data, err := marshalIndent(pkg)
	if err != nil {
		return err
	}
	if err := z.writeSmall("datapackage.json", data); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	digest, err := marshalIndent(struct {
		Path string `json:"path"`
		Hash string `json:"hash"`
	}{"datapackage.json", "sha256:" + hex.EncodeToString(sum[:])})
	if err != nil {
		return err
	}
	if err := z.writeSmall("datapackage-digest.json", digest); err != nil {
		return err
	}
	return z.zw.Close()
}

func (z *WACZWriter) writeSmall(name string, data []byte) error {
	w, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.info.Created})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// VerifyWACZ checks a WACZ: the files the format requires are there, every
// file datapackage.json lists has the size and SHA-256 it states,
// datapackage-digest.json matches datapackage.json, and WARCs are stored,
// not deflated. A failed check is ErrWACZ.
//
// folio writes WACZ files and never reads them: this is for whatever
// checks one, a WACZWriter's or another tool's (folio's export tests check
// every WACZ they make with it).
func VerifyWACZ(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWACZ, err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, fmt.Errorf("%w: no %s", ErrWACZ, name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	pkgData, err := read("datapackage.json")
	if err != nil {
		return err
	}
	var pkg struct {
		Profile     string     `json:"profile"`
		WACZVersion string     `json:"wacz_version"`
		Resources   []Resource `json:"resources"`
	}
	if err := json.Unmarshal(pkgData, &pkg); err != nil {
		return fmt.Errorf("%w: datapackage.json: %v", ErrWACZ, err)
	}
	if pkg.Profile != "data-package" || pkg.WACZVersion == "" {
		return fmt.Errorf("%w: datapackage.json: profile %q, wacz_version %q", ErrWACZ, pkg.Profile, pkg.WACZVersion)
	}
	digestData, err := read("datapackage-digest.json")
	if err != nil {
		return err
	}
	var dd struct{ Path, Hash string }
	if err := json.Unmarshal(digestData, &dd); err != nil {
		return fmt.Errorf("%w: datapackage-digest.json: %v", ErrWACZ, err)
	}
	sum := sha256.Sum256(pkgData)
	if dd.Path != "datapackage.json" || dd.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
		return fmt.Errorf("%w: datapackage-digest.json does not match datapackage.json", ErrWACZ)
	}
	listed := map[string]bool{}
	warcs := 0
	for _, res := range pkg.Resources {
		f := files[res.Path]
		if f == nil {
			return fmt.Errorf("%w: %s is listed but missing", ErrWACZ, res.Path)
		}
		listed[res.Path] = true
		if strings.HasPrefix(res.Path, WACZArchiveDir) {
			warcs++
			if f.Method != zip.Store {
				return fmt.Errorf("%w: %s is compressed in the zip; WARCs must be stored", ErrWACZ, res.Path)
			}
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		h := sha256.New()
		n, err := io.Copy(h, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrWACZ, res.Path, err)
		}
		if n != res.Bytes || res.Hash != "sha256:"+hex.EncodeToString(h.Sum(nil)) {
			return fmt.Errorf("%w: %s does not match its size or hash in datapackage.json", ErrWACZ, res.Path)
		}
	}
	for _, need := range []string{WACZPagesPath} {
		if !listed[need] {
			return fmt.Errorf("%w: no %s", ErrWACZ, need)
		}
	}
	if warcs == 0 {
		return fmt.Errorf("%w: no WARC under %s", ErrWACZ, WACZArchiveDir)
	}
	indexed := false
	for name := range listed {
		if strings.HasPrefix(name, "indexes/") {
			indexed = true
		}
	}
	if !indexed {
		return fmt.Errorf("%w: no index under indexes/", ErrWACZ)
	}
	return nil
}
