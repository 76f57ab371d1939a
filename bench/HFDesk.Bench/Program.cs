Console.WriteLine("HFDesk benchmark: not yet implemented");
return 0;
