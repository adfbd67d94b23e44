from raqib.cli import main

raise SystemExit(main())
