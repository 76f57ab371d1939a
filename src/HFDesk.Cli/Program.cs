using HFDesk.Cli;

return await HfDeskCommandApp.Create().RunAsync(GlobalOptionArguments.Reorder(args));
