from credscan.cli import main

raise SystemExit(main())
