package main

import (
	"fmt"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
)

// werfConfigRequest is werf.yaml as werf 1.1 reads it: a Go template rendered before the YAML
// is parsed, with sprig, include/tpl/required, the `.werf/**/*.tmpl` partials (named by their
// path inside .werf, as `include` takes them) and `.Files.Get` of files of the project.
type werfConfigRequest struct {
	Text     string            `json:"text"`
	Partials []templateFile    `json:"partials"`
	Files    map[string]string `json:"files"`
	// Env is what `env` reads: werf 1.1 reads the process environment of whoever runs it;
	// stackdoc renders with the environment it is told (empty: nothing CI-specific is assumed).
	Env map[string]string `json:"env"`
}

type werfConfigResult struct {
	Text  string `json:"text"`
	Error string `json:"error,omitempty"`
	// EnvRead lists the variables the template read with `env`, so a check can name them.
	EnvRead []string `json:"envRead"`
}

// projectFiles is `.Files` of werf 1.1's werf.yaml: Get returns a project file's content; a
// file that does not exist is an error, as in werf.
type projectFiles map[string]string

func (f projectFiles) Get(path string) (string, error) {
	clean := strings.TrimPrefix(path, "./")
	if text, ok := f[clean]; ok {
		return text, nil
	}
	return "", fmt.Errorf("{{ .Files.Get %q }}: no such file in the project", path)
}

func renderWerfConfig(req werfConfigRequest) werfConfigResult {
	root := template.New("werf.yaml")
	read := map[string]bool{}
	f := sprig.TxtFuncMap()
	delete(f, "expandenv")
	f["env"] = func(name string) string {
		read[name] = true
		return req.Env[name]
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		if t, err = t.New("tpl").Parse(text); err != nil {
			return "", fmt.Errorf("tpl: %w", err)
		}
		var buf strings.Builder
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	f["required"] = required
	root.Funcs(f)
	result := werfConfigResult{EnvRead: []string{}}
	for _, partial := range req.Partials {
		if _, err := root.New(partial.Name).Parse(partial.Text); err != nil {
			result.Error = err.Error()
			return result
		}
	}
	if _, err := root.Parse(req.Text); err != nil {
		result.Error = err.Error()
		return result
	}
	var buf strings.Builder
	err := root.ExecuteTemplate(&buf, "werf.yaml", map[string]interface{}{"Files": projectFiles(req.Files), "Env": ""})
	for name := range read {
		result.EnvRead = append(result.EnvRead, name)
	}
	sort.Strings(result.EnvRead)
	if err != nil {
		result.Error = err.Error()
		return result
	}
	result.Text = buf.String()
	return result
}
