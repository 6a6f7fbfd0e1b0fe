import DCNReportCommand

DCNReport.main()
