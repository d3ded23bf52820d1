"""Detection: rules as data (rules/*.toml), validators and decoders as small named functions."""
