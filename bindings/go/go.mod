module protocolcore.dev/bindings/go

go 1.19
