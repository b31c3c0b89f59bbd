# cloudseal container image: the pinned OPA built from source, cloudseal on a slim Python.
# Build: docker build -t cloudseal .
# Run:   docker run --rm -v "$PWD:/work" cloudseal scan /work/template.yaml

ARG OPA_VERSION=v1.22.4

FROM golang:1.26-bookworm AS opa-build
ARG OPA_VERSION
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
RUN go install "github.com/open-policy-agent/opa@${OPA_VERSION}"

FROM python:3.11-slim-bookworm AS wheel-build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY cloudseal ./cloudseal
RUN pip install --no-cache-dir build==1.2.2 && python -m build --wheel --outdir /dist

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CLOUDSEAL_POLICIES=/opt/cloudseal/policies \
    CLOUDSEAL_OPA=/usr/local/bin/opa
COPY --from=opa-build /go/bin/opa /usr/local/bin/opa
COPY --from=wheel-build /dist/*.whl /tmp/
RUN pip install --no-cache-dir /tmp/*.whl && rm /tmp/*.whl \
    && useradd --create-home --uid 10001 cloudseal
COPY policies /opt/cloudseal/policies
USER 10001
WORKDIR /work
ENTRYPOINT ["cloudseal"]
CMD ["--help"]
