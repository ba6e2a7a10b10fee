from tosaudit.cli import main

raise SystemExit(main())
