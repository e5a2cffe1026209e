package main

import (
	"path"
	"strings"
	"text/template"
)

// render parses every template into one set, as Helm does (so a define in _helpers.tpl is
// visible everywhere), then executes each file that Helm would emit.
func render(files []templateFile, ctx renderContext) ([]templateFile, error) {
	root := template.New("chart")
	// Helm renders with missingkey=zero and then blanks the "<no value>" a missing key prints.
	root.Option("missingkey=zero")
	root.Funcs(funcMap(root))
	if _, err := root.New(werfHelpersName).Parse(werfHelpers); err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, err := root.New(f.Name).Parse(f.Text); err != nil {
			return nil, err
		}
	}
	out := []templateFile{}
	for _, f := range files {
		base := path.Base(f.Name)
		// Helm never emits partials (_*.tpl) or NOTES.txt.
		if strings.HasPrefix(base, "_") || base == "NOTES.txt" {
			continue
		}
		top := map[string]interface{}{
			"Values":       ctx.Values,
			"Release":      ctx.Release,
			"Chart":        ctx.Chart,
			"Capabilities": capabilities(),
			"Template":     map[string]interface{}{"Name": f.Name, "BasePath": "templates"},
		}
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, f.Name, top); err != nil {
			return nil, err
		}
		out = append(out, templateFile{Name: f.Name, Text: strings.ReplaceAll(buf.String(), "<no value>", "")})
	}
	return out, nil
}

// capabilities answers what `helm template` answers without a cluster.
func capabilities() map[string]interface{} {
	return map[string]interface{}{
		"KubeVersion": map[string]interface{}{"Version": "v1.20.0", "Major": "1", "Minor": "20", "GitVersion": "v1.20.0"},
		"APIVersions": apiVersions{},
	}
}

// apiVersions.Has mirrors Helm's `.Capabilities.APIVersions.Has`: a bare install knows the
// built-in groups only.
type apiVersions struct{}

func (apiVersions) Has(version string) bool {
	for _, known := range []string{"v1", "apps/v1", "batch/v1", "batch/v1beta1", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1"} {
		if version == known || strings.HasPrefix(version, known+"/") {
			return true
		}
	}
	return false
}
