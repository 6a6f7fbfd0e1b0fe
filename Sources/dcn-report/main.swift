import DCNReportCommand

DCNReport.runFromCommandLine()
