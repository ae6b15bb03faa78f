# easyrun in a container: one static binary on a distroless base.
#   docker build -t easyrun .
#   docker run --rm -v easyrun:/data -i easyrun user add anna < password.txt
#   docker run -d -p 8080:8080 -v easyrun:/data -e TZ=Europe/Amsterdam easyrun
# See docs/deploy.md.

FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# Pure Go (modernc.org/sqlite needs no cgo); timetzdata embeds the zone
# database, since the runtime image has none.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags="-s -w" -o /out/easyrun ./cmd/easyrun \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/easyrun /usr/local/bin/easyrun
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV EASYRUN_DB=/data/easyrun.db \
    EASYRUN_ADDR=0.0.0.0:8080
VOLUME /data
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/usr/local/bin/easyrun"]
CMD ["serve"]
