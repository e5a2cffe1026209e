"""Settings the app reads when it is imported, for the tests.

In the cluster they come from the chart; the test job runs the image with none of them, so the tests
set the same example values here. A value already in the environment wins.
"""
import os

# [<snippet test-settings>]
SETTINGS = {
<%- for e in app.env -%>
    "<< e.name >>": "<< e.value >>",
<%- endfor -%>
<%- for e in app.secret_env -%>
    "<< e.name >>": "<< e.value >>",
<%- endfor -%>
<%- for e in app.chart_env -%>
    "<< e.name >>": "<< e.value >>",
<%- endfor -%>
}

for name, value in SETTINGS.items():
    os.environ.setdefault(name, value)
# [<endsnippet test-settings>]
