# syntax=docker/dockerfile:1
# The sample upstream (samples/EchoUpstream: answers every request with what it received), for the compose stack
# and deploy/test.sh. Same two paths as the gateway's Dockerfile: default target `runtime` builds with the SDK;
# `runtime-prebuilt` copies a host-published directory (PUBLISH_DIR). Listens on :5080 (`--urls` to change).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${SDK_IMAGE} AS build
ARG RID=linux-x64
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY samples/EchoUpstream/ samples/EchoUpstream/
RUN dotnet publish samples/EchoUpstream/EchoUpstream.csproj -c Release -r ${RID} --self-contained \
      -p:DebugType=none -p:GenerateDocumentationFile=false -o /out

FROM ${RUNTIME_IMAGE} AS runtime-base
WORKDIR /app
USER 1654:1654
ENV DOTNET_NOLOGO=1
EXPOSE 5080
ENTRYPOINT ["/app/EchoUpstream", "--urls", "http://0.0.0.0:5080"]

FROM runtime-base AS runtime-prebuilt
ARG PUBLISH_DIR=artifacts/container/echo-upstream
COPY ${PUBLISH_DIR}/ /app/

FROM runtime-base AS runtime
COPY --from=build /out/ /app/
