# syntax=docker/dockerfile:1
# iam-harden in a container: a static (musl) binary on an empty base image, run as a
# non-root user, with the CA certificates it needs to reach AWS over TLS and nothing else
# (no shell, no package manager).
#
#   docker build -t iam-harden .
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN \
#       iam-harden audit
#
# Released images: ghcr.io/iam-harden/iam-harden (.github/workflows/docker.yml).

# Alpine's Rust builds for musl, static by default; the image brings gcc and musl-dev for
# the C parts and the CA certificates copied below. aws-lc (TLS) also includes
# <linux/random.h>, from linux-headers. Its version is the one of the base image's Alpine
# release: apk cannot install a revision Alpine no longer ships, so it is not pinned.
FROM rust:1.95-alpine AS build
# hadolint ignore=DL3018
RUN apk add --no-cache linux-headers
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
# The workspace member must be present for cargo to read the workspace; it is not built.
COPY xtask ./xtask
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked \
    && cp target/release/iam-harden /iam-harden

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /iam-harden /usr/local/bin/iam-harden
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    HOME=/home/nonroot
# The same numeric user as distroless' "nonroot"; scratch has no /etc/passwd to name it.
USER 65532:65532
WORKDIR /work
# Proves the binary runs with no libc, shell or loader in the image.
RUN ["/usr/local/bin/iam-harden", "--version"]
ENTRYPOINT ["/usr/local/bin/iam-harden"]
CMD ["audit"]
