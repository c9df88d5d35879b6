package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"folio/internal/panics"
)

// crawlConfig is the YAML file of `folio crawl --config FILE`. Its top-level
// keys are the crawl command's flags, as defaults for every site; each site
// can set its own seeds, scope, delay, time zone and limits. A flag given on
// the command line overrides both.
//
//	delay: 2s
//	user-agent: "folio/0.1.0 (+https://example.org/archive; archive@example.org)"
//	sites:
//	  - name: luosong
//	    seeds: [http://www.lsq.gov.cn/xwzx/, http://www.lsq.gov.cn/zwgk/tzgg/]
//	    scope: '^http://www\.lsq\.gov\.cn/.*/\d+\.html$'
//	    delay: 3s
//	    max-docs: 500
type crawlConfig struct {
	DB          *string        `yaml:"db"`
	Delay       *yamlDuration  `yaml:"delay"`
	Parallel    *int           `yaml:"parallel"`
	PerHost     *int           `yaml:"per-host"`
	MaxPages    *int           `yaml:"max-pages"`
	MaxDocs     *int           `yaml:"max-docs"`
	Depth       *int           `yaml:"depth"`
	Scope       *string        `yaml:"scope"`
	UserAgent   *string        `yaml:"user-agent"`
	IgnoreRobot *bool          `yaml:"ignore-robots"`
	Timeout     *yamlDuration  `yaml:"timeout"`
	MaxBody     *yamlSize      `yaml:"max-body"`
	TZ          *string        `yaml:"tz"`
	Retries     *int           `yaml:"retries"`
	LockTimeout *yamlDuration  `yaml:"lock-timeout"`
	RevisitMin  *yamlDuration  `yaml:"revisit-min"`
	RevisitMax  *yamlDuration  `yaml:"revisit-max"`
	HostBudget  *int           `yaml:"host-budget"`
	NoAttach    *bool          `yaml:"no-attachments"`
	Requisites  *bool          `yaml:"requisites"`
	Sites       []siteConfig   `yaml:"sites"`
	Extra       map[string]any `yaml:",inline"`
}

// siteConfig is one entry of sites:.
type siteConfig struct {
	Name       string        `yaml:"name"`
	Seeds      []string      `yaml:"seeds"`
	Sitemaps   []string      `yaml:"sitemaps"`
	Scope      *string       `yaml:"scope"`
	Delay      *yamlDuration `yaml:"delay"`
	TZ         *string       `yaml:"tz"`
	Depth      *int          `yaml:"depth"`
	MaxDocs    *int          `yaml:"max-docs"`
	MaxPages   *int          `yaml:"max-pages"`
	HostBudget *int          `yaml:"host-budget"`
}

type yamlDuration struct{ time.Duration }

func (d *yamlDuration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration (100ms, 1s, 2m)", n.Line, n.Value)
	}
	d.Duration = v
	return nil
}

type yamlSize struct{ n int64 }

func (s *yamlSize) UnmarshalYAML(n *yaml.Node) error {
	v, err := parseSize(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	s.n = v
	return nil
}

// loadConfig reads a crawl config file; its mistakes are usage errors.
func loadConfig(path string) (*crawlConfig, error) {
	data, err := readConfig(path)
	if err != nil {
		return nil, err
	}
	return parseConfig(path, data)
}

// parseConfig reads the config file at path, whose bytes are data.
func parseConfig(path string, data []byte) (cfg *crawlConfig, err error) {
	defer func() {
		if r := recover(); r != nil { // a bug in the YAML parser
			cfg, err = nil, usagef("--config %s: %v", path, panics.Error("", r))
		}
	}()
	cfg = &crawlConfig{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		// yaml.v3 lists several mistakes on lines of their own.
		msg := strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), ":\n", ":")), " ")
		return nil, usagef("--config %s: %s", path, msg)
	}
	for k := range cfg.Extra {
		return nil, usagef("--config %s: unknown key %q", path, k)
	}
	for i, s := range cfg.Sites {
		if s.Name == "" {
			cfg.Sites[i].Name = fmt.Sprintf("site%d", i+1)
		}
		if len(s.Seeds) == 0 && len(s.Sitemaps) == 0 {
			return nil, usagef("--config %s: site %q has no seeds", path, cfg.Sites[i].Name)
		}
		for _, urls := range [][]string{s.Seeds, s.Sitemaps} {
			for j, u := range urls {
				var err error
				if urls[j], err = checkURL(u); err != nil {
					return nil, usagef("--config %s: site %q: %v", path, cfg.Sites[i].Name, err)
				}
			}
		}
		if s.Scope != nil {
			if _, err := regexp.Compile(*s.Scope); err != nil {
				return nil, usagef("--config %s: site %q: scope: %v", path, cfg.Sites[i].Name, err)
			}
		}
		if s.TZ != nil {
			if _, err := time.LoadLocation(*s.TZ); err != nil {
				return nil, usagef("--config %s: site %q: unknown time zone %q", path, cfg.Sites[i].Name, *s.TZ)
			}
		}
	}
	return cfg, nil
}

// maxConfig bounds a config file: a few sites take a few KiB.
const maxConfig = 4 << 20

// readConfig reads a config file of at most maxConfig bytes (not
// /dev/zero).
func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("--config: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfig+1))
	switch {
	case err != nil:
		return nil, usagef("--config %s: %v", path, err)
	case len(data) > maxConfig:
		return nil, usagef("--config %s: larger than %d MiB: not a config file", path, maxConfig>>20)
	}
	return data, nil
}

// applyDefaults puts the file's top-level values into the flags that were
// not given on the command line.
func (cfg *crawlConfig) applyDefaults(f *fetchFlags, cf *crawlFlags, common *commonFlags, given map[string]bool) {
	setS := func(name string, dst *string, v *string) {
		if v != nil && !given[name] {
			*dst = *v
		}
	}
	setI := func(name string, dst *int, v *int) {
		if v != nil && !given[name] {
			*dst = *v
		}
	}
	setD := func(name string, dst *time.Duration, v *yamlDuration) {
		if v != nil && !given[name] {
			*dst = v.Duration
		}
	}
	setS("db", &common.db, cfg.DB)
	setD("delay", &f.delay, cfg.Delay)
	setI("parallel", &f.parallel, cfg.Parallel)
	setI("per-host", &f.perHost, cfg.PerHost)
	setI("max-pages", &f.maxPages, cfg.MaxPages)
	setI("max-docs", &f.maxDocs, cfg.MaxDocs)
	setI("depth", &f.depth, cfg.Depth)
	setS("scope", &f.scope, cfg.Scope)
	setS("user-agent", &f.userAgent, cfg.UserAgent)
	if cfg.IgnoreRobot != nil && !given["ignore-robots"] {
		f.ignoreRobots = *cfg.IgnoreRobot
	}
	setD("timeout", &f.timeout, cfg.Timeout)
	if cfg.MaxBody != nil && !given["max-body"] {
		f.maxBody = byteSize(cfg.MaxBody.n)
	}
	setS("tz", &f.tz, cfg.TZ)
	setI("retries", &f.retries, cfg.Retries)
	setD("lock-timeout", &f.lockTimeout, cfg.LockTimeout)
	setD("revisit-min", &cf.revisitMin, cfg.RevisitMin)
	setD("revisit-max", &cf.revisitMax, cfg.RevisitMax)
	setI("host-budget", &cf.hostBudget, cfg.HostBudget)
	if cfg.NoAttach != nil && !given["no-attachments"] {
		f.attachments = !*cfg.NoAttach
	}
	if cfg.Requisites != nil && !given["requisites"] {
		f.requisites = *cfg.Requisites
	}
}
