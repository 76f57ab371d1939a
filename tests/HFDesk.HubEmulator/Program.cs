Console.WriteLine("HFDesk Hub emulator: not yet implemented");
return 0;
