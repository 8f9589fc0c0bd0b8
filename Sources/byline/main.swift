import BylineCLI

BylineCommand.main()
