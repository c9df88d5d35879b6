package attachment

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// docxText reads word/document.xml: paragraphs as lines, table rows as
// tab-separated lines, as folio prints tables everywhere.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	doc, err := readPart(zr, "word/document.xml")
	if err != nil {
		return "", fmt.Errorf("docx: %w", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var lines []string
	var para strings.Builder
	var row []string
	depth := 0 // table nesting
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("docx: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte(' ')
			case "tbl":
				depth++
			case "tr":
				row = row[:0]
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				// Inside a table cell paragraphs join with a space.
				if depth > 0 {
					para.WriteByte(' ')
					continue
				}
				if s := strings.TrimSpace(para.String()); s != "" {
					lines = append(lines, s)
				}
				para.Reset()
			case "tc":
				row = append(row, strings.Join(strings.Fields(para.String()), " "))
				para.Reset()
			case "tr":
				lines = append(lines, strings.Join(row, "\t"))
			case "tbl":
				depth--
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return strings.Join(lines, "\n"), nil
}

// xlsxText reads each sheet as rows of tab-separated cells, shared strings
// resolved, each sheet headed by its name.
func xlsxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("xlsx: %w", err)
	}
	var shared []string
	if ss, err := readPart(zr, "xl/sharedStrings.xml"); err == nil {
		shared, err = sharedStrings(ss)
		if err != nil {
			return "", fmt.Errorf("xlsx: %w", err)
		}
	}
	names := sheetNames(zr)
	var sheets []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") && strings.HasSuffix(f.Name, ".xml") {
			sheets = append(sheets, f.Name)
		}
	}
	// sheet2 before sheet10.
	sort.Slice(sheets, func(i, j int) bool { return sheetNumber(sheets[i]) < sheetNumber(sheets[j]) })
	var out []string
	for i, name := range sheets {
		part, err := readPart(zr, name)
		if err != nil {
			return "", fmt.Errorf("xlsx: %w", err)
		}
		rows, err := sheetRows(part, shared)
		if err != nil {
			return "", fmt.Errorf("xlsx %s: %w", name, err)
		}
		if len(rows) == 0 {
			continue
		}
		if i < len(names) {
			out = append(out, names[i])
		}
		out = append(out, rows...)
	}
	return strings.Join(out, "\n"), nil
}

func sheetNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "xl/worksheets/sheet"), ".xml"))
	return n
}

func sharedStrings(data []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	var cur strings.Builder
	inSI, inT := false, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				out = append(out, cur.String())
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
	}
}

func sheetNames(zr *zip.Reader) []string {
	data, err := readPart(zr, "xl/workbook.xml")
	if err != nil {
		return nil
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if xml.Unmarshal(data, &wb) != nil {
		return nil
	}
	names := make([]string, len(wb.Sheets))
	for i, s := range wb.Sheets {
		names[i] = s.Name
	}
	return names
}

// sheetRows reads the cells of one worksheet: <c r="B2" t="s"><v>3</v></c>.
func sheetRows(data []byte, shared []string) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var rows []string
	var cells []string
	var cellType, ref string
	var val strings.Builder
	inV := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				cells = cells[:0]
			case "c":
				cellType, ref = "", ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "t":
						cellType = a.Value
					case "r":
						ref = a.Value
					}
				}
				val.Reset()
			case "v", "t":
				inV = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "t":
				inV = false
			case "c":
				v := val.String()
				if cellType == "s" {
					if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(shared) {
						v = shared[i]
					}
				}
				// Cells skip empty columns: place the value at its column.
				if col := column(ref); col > len(cells) && col-len(cells) < 1000 {
					for len(cells) < col {
						cells = append(cells, "")
					}
				}
				cells = append(cells, strings.Join(strings.Fields(v), " "))
			case "row":
				if strings.Join(cells, "") != "" {
					rows = append(rows, strings.Join(cells, "\t"))
				}
			}
		case xml.CharData:
			if inV {
				val.Write(t)
			}
		}
	}
}

// column turns a cell reference's letters into a 0-based column: "C7" → 2.
func column(ref string) int {
	n := 0
	for _, r := range ref {
		if r < 'A' || r > 'Z' {
			break
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1
}
