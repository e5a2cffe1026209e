package main

import (
	"fmt"
	"sort"
	"strings"
)

// werfHelpersName is the name errors inside the helpers carry.
const werfHelpersName = "werf-1.1-helpers"

// werfHelpers are werf 1.1's chart helpers, which werf adds to every chart it deploys:
//
//	{{ tuple "hello" . | include "werf_container_image" | indent 8 }}
//	{{ tuple "hello" . | include "werf_container_env" | indent 8 }}
//
// They read the image werf built from .Values.global.werf.image.<name> (see werfImage).
const werfHelpers = `
{{- define "werf_container_image" -}}
{{-   $context := index . 1 -}}
{{-   $image := werfImage (index . 0) $context.Values -}}
image: {{ $image.docker_image }}
{{-   if $context.Values.global.werf.is_branch }}
imagePullPolicy: Always
{{-   end -}}
{{- end -}}

{{- define "werf_container_env" -}}
{{-   $context := index . 1 -}}
{{-   $image := werfImage (index . 0) $context.Values -}}
{{-   if $context.Values.global.werf.is_branch -}}
- name: DOCKER_IMAGE_ID
  value: {{ $image.docker_image_id | quote }}
{{-   end -}}
{{- end -}}
`

// werfImage looks an image up in the values werf passes; an image werf.yaml does not define is
// an error, as it is when werf deploys.
func werfImage(name string, values map[string]interface{}) (map[string]interface{}, error) {
	images := map[string]interface{}{}
	if global, ok := values["global"].(map[string]interface{}); ok {
		if werf, ok := global["werf"].(map[string]interface{}); ok {
			if m, ok := werf["image"].(map[string]interface{}); ok {
				images = m
			}
		}
	}
	if image, ok := images[name].(map[string]interface{}); ok {
		return image, nil
	}
	defined := make([]string, 0, len(images))
	for n := range images {
		defined = append(defined, n)
	}
	sort.Strings(defined)
	return nil, fmt.Errorf("image %q is not defined in werf.yaml (it defines: %s)", name, strings.Join(defined, ", "))
}
