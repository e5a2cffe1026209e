// Command helm-render renders a chart's templates the way Helm does (Go text/template with
// sprig and Helm's include, tpl, required, toYaml), plus werf 1.1's werf_container_image and
// werf_container_env helpers, so stackdoc can check example charts with neither Helm, werf nor a
// cluster. It reads one JSON request on stdin and writes one JSON response on stdout; a template
// error is data in the response, not a failed exit.
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type templateFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// renderContext is one environment's view of the chart: what Helm calls the top-level object.
type renderContext struct {
	Values  map[string]interface{} `json:"values"`
	Release map[string]interface{} `json:"release"`
	Chart   map[string]interface{} `json:"chart"`
}

type request struct {
	Templates []templateFile  `json:"templates"`
	Contexts  []renderContext `json:"contexts"`
	// WerfConfig, when present, asks for werf.yaml rendered as werf 1.1 renders it.
	WerfConfig *werfConfigRequest `json:"werfConfig,omitempty"`
}

type result struct {
	Files []templateFile `json:"files"`
	Error string         `json:"error,omitempty"`
}

type response struct {
	Results    []result          `json:"results"`
	WerfConfig *werfConfigResult `json:"werfConfig,omitempty"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fmt.Fprintln(os.Stderr, "helm-render: bad request:", err)
		os.Exit(2)
	}
	resp := response{Results: []result{}}
	if req.WerfConfig != nil {
		rendered := renderWerfConfig(*req.WerfConfig)
		resp.WerfConfig = &rendered
	}
	for _, ctx := range req.Contexts {
		files, err := render(req.Templates, ctx)
		r := result{Files: files}
		if err != nil {
			r.Error = err.Error()
		}
		resp.Results = append(resp.Results, r)
	}
	if err := json.NewEncoder(os.Stdout).Encode(resp); err != nil {
		fmt.Fprintln(os.Stderr, "helm-render:", err)
		os.Exit(2)
	}
}
